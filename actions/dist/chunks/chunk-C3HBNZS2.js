import{createRequire as __maestroRequire}from'node:module';const require=__maestroRequire(import.meta.url);
var DATE_TIME=/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;function isDateTime(value){return DATE_TIME.test(value)}export{isDateTime};
