import{createRequire as __maestroRequire}from'node:module';const require=__maestroRequire(import.meta.url);
function formatNumber(value){return Number.isInteger(value)?String(value):value.toFixed(Math.abs(value)<1?4:2)}function formatPercent(fraction){return`${Math.round(fraction*100*100)/100}%`}export{formatNumber,formatPercent};
