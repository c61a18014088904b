import { describe, expect, it } from '@jest/globals';
import { readTaskMarker, renderTaskMarker } from '../../../core/commands/read-task-marker.js';

describe('readTaskMarker', () => {
  it('reads the marker it renders', () => {
    expect(readTaskMarker(`${renderTaskMarker({ epic: 12, workOrderId: 'AL' })}\nPart of #12`)).toEqual({ epic: 12, workOrderId: 'AL' });
  });

  it.each([
    ['no body', null],
    ['no marker', 'Part of #12'],
    ['an unclosed marker', '<!-- maestro-task epic=#12 wo=8'],
    ['no epic', '<!-- maestro-task wo=8 -->'],
    ['no work order', '<!-- maestro-task epic=#12 -->'],
    ['a bad epic number', '<!-- maestro-task epic=#x wo=8 -->'],
    ['a marker too long to be ours', `<!-- maestro-task epic=#12 wo=8 ${'x'.repeat(300)} -->`],
  ])('finds none in %s', (_what, body) => {
    expect(readTaskMarker(body)).toBeUndefined();
  });
});
