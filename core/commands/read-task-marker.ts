import { normalizeWorkOrderId } from './parse-work-orders.js';

const MARKER_OPEN = '<!-- maestro-task ';
const MARKER_CLOSE = '-->';

/** Which epic and work order a child issue was created for. */
export interface TaskMarker {
  epic: number;
  workOrderId: string;
}

/**
 * The hidden line that ties a child issue to its epic and work order, first in the child's body:
 * `<!-- maestro-task epic=#12 wo=8 -->`. It is how `/create-task` recognises the issues it created.
 */
export function renderTaskMarker(marker: TaskMarker): string {
  return `${MARKER_OPEN}epic=#${marker.epic} wo=${marker.workOrderId} ${MARKER_CLOSE}`;
}

/** The marker of a child issue's body, if it has one (the first marker counts). */
export function readTaskMarker(body: string | null | undefined): TaskMarker | undefined {
  if (!body) return undefined;
  const open = body.indexOf(MARKER_OPEN);
  if (open < 0) return undefined;
  const close = body.indexOf(MARKER_CLOSE, open + MARKER_OPEN.length);
  if (close < 0 || close - open > 200) return undefined;
  const fields = new Map<string, string>();
  for (const pair of body.slice(open + MARKER_OPEN.length, close).trim().split(' ')) {
    const eq = pair.indexOf('=');
    if (eq > 0) fields.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const epicText = fields.get('epic')?.replace('#', '') ?? '';
  const epic = Number(epicText);
  const workOrder = fields.get('wo');
  if (!Number.isSafeInteger(epic) || epic <= 0 || epicText === '' || !workOrder) return undefined;
  return { epic, workOrderId: normalizeWorkOrderId(workOrder) };
}
