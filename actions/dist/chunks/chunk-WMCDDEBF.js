import{createRequire as __maestroRequire}from'node:module';const require=__maestroRequire(import.meta.url);
import{markdownTable}from"./chunk-KPBAPPPU.js";function renderBudgetTable(header,rows,budget,fullListAt){let lines=markdownTable([header,...rows],{alignDelimiters:!1}).split(`
`),out=lines.slice(0,2),size=out.join(`
`).length,kept=0;for(let line of lines.slice(2)){if(size+line.length+1>budget)break;out.push(line),size+=line.length+1,kept++}return kept<rows.length&&out.push("",`_${rows.length-kept} more ${rows.length-kept===1?"row was":"rows were"} left out to stay within GitHub's size limit; ${fullListAt} has every row._`),out}export{renderBudgetTable};
