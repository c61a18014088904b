import{createRequire as __maestroRequire}from'node:module';const require=__maestroRequire(import.meta.url);
import{createHash}from"node:crypto";function sha256Hex(input){return createHash("sha256").update(input).digest("hex")}export{sha256Hex};
