/**
 * Names this Jest run (its main process's pid) for the workers it starts, so the services they start
 * are leased to it (RUN_ID_VARIABLE of test/global-teardown.ts; Jest loads this file without
 * its module mapping, so it imports nothing of ours).
 */
export default function globalSetup(): void {
  process.env.MAESTRO_TEST_RUN = String(process.pid);
}
