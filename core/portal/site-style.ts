/**
 * The site's stylesheet (assets/portal.css). Colours meet WCAG AA contrast on their backgrounds;
 * statuses are words and symbols first, colour second; tables scroll sideways on narrow screens.
 */
export const SITE_STYLE = `:root { color-scheme: light; --fg: #1b1f24; --muted: #4b5560; --line: #c9d1d9; --bg: #ffffff; --soft: #f4f6f8;
  --ok: #0a6b2d; --ok-bg: #e6f4ea; --bad: #a1001c; --bad-bg: #fde8eb; --warn: #6f4700; --warn-bg: #fff4d6; --link: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { padding: 0 1.25rem; max-width: 90rem; margin: 0 auto; }
header { border-bottom: 1px solid var(--line); }
footer { border-top: 1px solid var(--line); color: var(--muted); margin-top: 2rem; font-size: 0.9rem; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible, pre:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 0.5rem; background: var(--bg); padding: 0.25rem 0.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.crumbs { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0.75rem 0; margin: 0; }
.crumbs li + li::before { content: "/"; margin-right: 0.5rem; color: var(--muted); }
h1 { font-size: 1.75rem; margin: 1.25rem 0 0.5rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.875rem; }
code.digest { word-break: break-all; }
pre { background: var(--soft); border: 1px solid var(--line); padding: 0.75rem; overflow-x: auto; white-space: pre; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.925rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: var(--soft); }
td.why { min-width: 16rem; }
.small { font-size: 0.85rem; color: var(--muted); }
.none { color: var(--muted); }
.tag { font-size: 0.75rem; border: 1px solid var(--muted); border-radius: 0.25rem; padding: 0 0.25rem; color: var(--fg); }
.status { font-weight: 600; white-space: nowrap; }
.s-met, .c-success, .digest-ok { color: var(--ok); }
.s-failed, .c-failure, .c-overridden, .c-no-decision-log, .digest-bad { color: var(--bad); }
.s-waived, .s-overridden, .c-action_required, .c-neutral { color: var(--warn); }
.s-not-applicable, .s-no-decision { color: var(--muted); }
.digest-ok, .digest-bad { display: block; font-weight: 600; word-break: break-all; }
.verdict { font-size: 1.1rem; font-weight: 700; padding: 0.5rem 0.75rem; border-radius: 0.25rem; }
.verdict.ok { color: var(--ok); background: var(--ok-bg); border: 1px solid var(--ok); }
.verdict.failed { color: var(--bad); background: var(--bad-bg); border: 2px solid var(--bad); }
.verification.failed h2 { color: var(--bad); }
.failed-checks { border: 2px solid var(--bad); }
.row-failed th, .row-failed td { background: var(--bad-bg); color: var(--bad); }
.alert { color: var(--warn); background: var(--warn-bg); border: 1px solid var(--warn); padding: 0.5rem 0.75rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 0.25rem 1.5rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0 0 0.5rem; word-break: break-all; }
.filters, .digest-check { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin: 0.5rem 0; }
.filters[hidden], .digest-check[hidden], button[hidden] { display: none; }
.filters p { margin: 0; color: var(--muted); }
input, select, button { font: inherit; }
button { border: 1px solid var(--link); color: var(--link); background: var(--bg); border-radius: 0.25rem; padding: 0.1rem 0.5rem; cursor: pointer; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(28rem, 1fr)); gap: 1rem 2rem; }
figure.chart { margin: 0; }
figure.chart svg { width: 100%; height: auto; }
figcaption { font-weight: 600; }
.legend { list-style: none; display: flex; gap: 1rem; padding: 0; margin: 0.25rem 0; font-weight: 400; }
.key { display: inline-block; width: 0.9rem; height: 0.9rem; margin-right: 0.35rem; vertical-align: -0.1rem; }
svg text { font-size: 11px; fill: #4b5560; }
.grid line { stroke: #d8dee4; }
.axis { stroke: #57606a; }
rect.tone-1, circle.tone-1, .key.tone-1 { fill: #0b57d0; background: #0b57d0; }
rect.tone-2, circle.tone-2, .key.tone-2 { fill: #0a6b2d; background: #0a6b2d; }
rect.tone-3, circle.tone-3, .key.tone-3 { fill: #8a5a00; background: #8a5a00; }
rect.tone-4, circle.tone-4, .key.tone-4 { fill: #a1001c; background: #a1001c; }
polyline.line { fill: none; stroke-width: 2; }
polyline.tone-1 { stroke: #0b57d0; } polyline.tone-2 { stroke: #0a6b2d; } polyline.tone-3 { stroke: #8a5a00; } polyline.tone-4 { stroke: #a1001c; }
polyline.bound { fill: none; stroke: #1b1f24; stroke-width: 1.5; stroke-dasharray: 6 4; }
.key.bound-key { background: repeating-linear-gradient(90deg, #1b1f24 0 4px, transparent 4px 7px); height: 0.2rem; vertical-align: 0.2rem; }
.verify-box pre { max-width: 100%; }
`;
