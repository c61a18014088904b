import{createRequire as __maestroRequire}from'node:module';const require=__maestroRequire(import.meta.url);
import{DEFAULT_RETAIN_DAYS,formatS3Url,parseS3Url,retainUntil}from"./chunk-KH32MJEM.js";import"./chunk-I77WOH77.js";import"./chunk-4QV2QF6F.js";export{DEFAULT_RETAIN_DAYS,formatS3Url,parseS3Url,retainUntil};
