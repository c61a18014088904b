import * as core from '@actions/core';

/** The runner I/O of every action, through `@actions/core`: outputs, job summary, log and failure. */
export const coreIo = {
  setOutput: (name: string, value: string): void => core.setOutput(name, value),
  appendSummary: async (markdown: string): Promise<void> => {
    await core.summary.addRaw(markdown, true).write();
  },
  setFailed: (message: string): void => core.setFailed(message),
  info: (message: string): void => core.info(message),
  warning: (message: string): void => core.warning(message),
};
