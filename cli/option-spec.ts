/** One option of a command, declared once: parsing, validation and help come from it. */
export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  /** Placeholder shown in help: `--event <file>`. */
  value?: string;
  description: string;
  required?: boolean;
  choices?: readonly string[];
  default?: string;
  /** The option may be repeated; its value is then the list of values given. */
  multiple?: boolean;
}

/** A command: its words (`controls list`), arguments, options, and the module that runs it. */
export interface CommandSpec {
  words: string[];
  summary: string;
  /** Positional arguments as shown in help: `<paths...>`; a trailing `...` takes several. */
  args?: Array<{ name: string; required: boolean; variadic?: boolean }>;
  options: OptionSpec[];
  /** Loads and runs the command; returns the exit code. */
  run: (options: Record<string, string | string[] | boolean | undefined>, args: string[]) => Promise<number>;
}
