import{createRequire as __maestroRequire}from'node:module';const require=__maestroRequire(import.meta.url);
var VERSION="0.1.0";export{VERSION};
