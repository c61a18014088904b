export const id = 402;
export const ids = [402];
export const modules = {

/***/ 7402:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   compileAssertions: () => (/* binding */ compileAssertions)
/* harmony export */ });
/* unused harmony exports ASSERTION_AJV_OPTIONS, assertionEnvelope */
/* harmony import */ var ajv_dist_2020_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2210);
/* harmony import */ var ajv_dist_2020_js__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(ajv_dist_2020_js__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var ajv_formats__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2815);
/* harmony import */ var ajv_formats__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(ajv_formats__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _controls_build_catalog_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8749);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(265);




const addFormats = (ajv_formats__WEBPACK_IMPORTED_MODULE_0___default()["default"]);
/** ajv options for catalog assertions: strict, but fragments need not repeat `type: object`. */
const ASSERTION_AJV_OPTIONS = { strict: true, strictTypes: false, strictRequired: false, allErrors: true, $data: true };
/** The schema an assertion is compiled in: `data` is the report's data, `params` the resolved parameters. */
function assertionEnvelope(id, assert) {
    return { $id: id, type: 'object', required: ['data', 'params'], properties: { data: assert, params: { type: 'object' } } };
}
/**
 * Compiles the assertions of a catalog loaded at run time (the shipped catalog's are compiled
 * ahead of time). Loaded on demand, so a run with the shipped catalog never loads the compiler.
 */
function compileAssertions(controls, keys) {
    const ajv = new ajv_dist_2020_js__WEBPACK_IMPORTED_MODULE_3__.Ajv2020(ASSERTION_AJV_OPTIONS);
    addFormats(ajv);
    const out = new Map();
    for (const control of controls) {
        control.evidence.forEach((req, index) => {
            if (!req.assert)
                return;
            const key = (0,_controls_build_catalog_js__WEBPACK_IMPORTED_MODULE_1__/* .assertionKey */ .k8)(req.assert);
            if (!keys.has(key) || out.has(key))
                return;
            try {
                out.set(key, ajv.compile(assertionEnvelope(`urn:maestro-conductor:assertion:${key}`, req.assert)));
            }
            catch (error) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .MaestroError */ .Gq('CATALOG_INVALID', `the assertion of ${control.id} (${req.kind}) in ${control.source} is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}`, {
                    file: control.source,
                    pointer: `/evidence/${index}/assert`,
                    remedy: 'write the assertion as a JSON Schema 2020-12 fragment over the report data; reference parameters as {"$data": "/params/<name>"}.',
                    cause: error,
                });
            }
        });
    }
    return out;
}


/***/ })

};
