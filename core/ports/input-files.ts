/**
 * The files a command or an action was pointed at (a summary, a config, an event payload), read
 * whole and bounded. Flows read named files only through this port; adapters/fs implements it.
 */
export interface InputFiles {
  /**
   * The bytes of `path`. `what` names the file in errors ("k6 summary"). A missing or unreadable
   * file, or one over `maxBytes` (refused by its size, before it is read), is a MaestroError
   * naming the file and the remedy.
   */
  read(path: string, what: string, maxBytes: number): Promise<Buffer>;
  /** The JSON value of `path`, read as `read` does; text that is not JSON (or has duplicate keys) is a MaestroError naming the place. */
  readJson(path: string, what: string, maxBytes: number): Promise<unknown>;
}
