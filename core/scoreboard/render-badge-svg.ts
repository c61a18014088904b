import { makeBadge } from 'badge-maker';
import type { ShieldsEndpoint } from './to-shields-endpoint.js';

/** The same badge as an SVG file, drawn by shields.io's own badge library, for READMEs that cannot use the endpoint. */
export function renderBadgeSvg(endpoint: ShieldsEndpoint): string {
  return `${makeBadge({ label: endpoint.label, message: endpoint.message, color: endpoint.color, style: 'flat' })}\n`;
}
