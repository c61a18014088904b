export const id = 348;
export const ids = [348];
export const modules = {

/***/ 88348:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./core/errors.ts
var errors = __webpack_require__(20265);
;// CONCATENATED MODULE: ./core/evidence/build-report.ts
/** Wraps a gate's `data` in the evidence envelope (schema version 1.0 of its kind). */
function buildReport(kind, data, context) {
    return { kind, schemaVersion: '1.0', subject: context.subject, producer: context.producer, createdAt: context.createdAt, data };
}

;// CONCATENATED MODULE: ./core/gates/attestation/read-slsa-provenance.ts
/** SLSA provenance predicate types this reader knows. */
const SLSA_PREDICATES = ['https://slsa.dev/provenance/v1', 'https://slsa.dev/provenance/v0.2'];
const obj = (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {});
const str = (v) => (typeof v === 'string' && v.length > 0 ? v : undefined);
const COMMIT = /^[0-9a-f]{40}$/;
/**
 * Reads builder, source repository, ref, workflow and commit from a SLSA provenance predicate:
 * v1 (`buildDefinition.externalParameters.workflow`, as GitHub Actions and npm write it) or v0.2
 * (`invocation.configSource`). Returns undefined when the statement is not SLSA provenance or lacks a field.
 */
function readSlsaProvenance(statement) {
    const predicate = obj(statement.predicate);
    const found = statement.predicateType === SLSA_PREDICATES[0] ? fromV1(predicate) : statement.predicateType === SLSA_PREDICATES[1] ? fromV02(predicate) : undefined;
    if (!found?.builder || !found.sourceRepo || !found.ref || !found.workflow)
        return undefined;
    const provenance = { builder: found.builder, sourceRepo: found.sourceRepo, ref: found.ref, workflow: found.workflow };
    if (found.commit && COMMIT.test(found.commit))
        provenance.commit = found.commit;
    return provenance;
}
function fromV1(predicate) {
    const definition = obj(predicate.buildDefinition);
    const workflow = obj(obj(definition.externalParameters).workflow);
    const dependency = Array.isArray(definition.resolvedDependencies) ? obj(definition.resolvedDependencies[0]) : {};
    return {
        builder: str(obj(obj(predicate.runDetails).builder).id),
        sourceRepo: str(workflow.repository),
        ref: str(workflow.ref),
        workflow: str(workflow.path),
        commit: str(obj(dependency.digest).gitCommit),
    };
}
function fromV02(predicate) {
    const invocation = obj(predicate.invocation);
    const config = obj(invocation.configSource);
    const env = obj(invocation.environment);
    // configSource.uri is git+https://github.com/owner/repo@refs/...; entryPoint is a path, or owner/repo/path@ref as npm writes it.
    const [uriRepo, uriRef] = (str(config.uri) ?? '').replace(/^git\+/, '').split('@');
    const entry = str(config.entryPoint)?.replace(/@.*$/, '');
    const workflow = entry?.includes('.github/') ? entry.slice(entry.indexOf('.github/')) : entry;
    return {
        builder: str(obj(predicate.builder).id),
        sourceRepo: str(env.GITHUB_REPOSITORY) ?? str(uriRepo),
        ref: str(env.GITHUB_REF) ?? str(uriRef),
        workflow,
        commit: str(obj(config.digest).sha1) ?? str(env.GITHUB_SHA),
    };
}

// EXTERNAL MODULE: ./node_modules/markdown-table/index.js
var markdown_table = __webpack_require__(735);
;// CONCATENATED MODULE: ./core/render/render-budget-table.ts

/**
 * A Markdown table that fits `budget` characters: rows are kept in order while they fit, and a
 * visible line says how many were left out and where the full list is. Cells must be escaped already.
 */
function renderBudgetTable(header, rows, budget, fullListAt) {
    const lines = (0,markdown_table/* markdownTable */.Q)([header, ...rows], { alignDelimiters: false }).split('\n');
    const out = lines.slice(0, 2);
    let size = out.join('\n').length;
    let kept = 0;
    for (const line of lines.slice(2)) {
        if (size + line.length + 1 > budget)
            break;
        out.push(line);
        size += line.length + 1;
        kept++;
    }
    if (kept < rows.length)
        out.push('', `_${rows.length - kept} more ${rows.length - kept === 1 ? 'row was' : 'rows were'} left out to stay within GitHub's size limit; ${fullListAt} has every row._`);
    return out;
}

;// CONCATENATED MODULE: ./core/render/escape-markdown.ts
/** Control characters and bidi overrides: removed, they can hide or reorder text in a review. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are stripped from untrusted text.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;
/** Characters that Markdown or HTML interpret anywhere in a line; each is backslash-escaped. */
const MARKDOWN_SPECIAL = /[\\`*_[\]|<>~#]/g;
/** What starts a block (list, heading, quote, ordered list, setext rule) when at the start of the text. */
const BLOCK_START = /^(\s*)([-+=>]|\d+[.)])/;
/** An `&` that would start a character reference; a lone `&` renders as itself. */
const ENTITY = /&(?=#?[A-Za-z0-9]+;)/g;
const ZERO_WIDTH_SPACE = '\u200B';
/**
 * Makes untrusted text (PR titles, evidence strings, file names) render as the same text in
 * GitHub Markdown, in a paragraph or a table cell: no HTML, no links or images, no formatting,
 * no table breaks, no @-mentions or #-references that notify anyone, one line, bounded length.
 */
function escape_markdown_escapeMarkdown(text, maxLength = 500) {
    const single = truncate(joinLines(text.replace(INVISIBLE, '')), maxLength);
    return single
        .replace(ENTITY, '&amp;')
        .replace(MARKDOWN_SPECIAL, '\\$&')
        .replace(BLOCK_START, (_m, space, mark) => `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}`)
        .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
        .replace(/\\#/g, `\\#${ZERO_WIDTH_SPACE}`)
        .replace(/:\/\//g, `:/${ZERO_WIDTH_SPACE}/`);
}
/**
 * The lines of a text joined by single spaces, the whitespace around each line break dropped. Split
 * and trim, not one `\s*[\r\n]+\s*` pattern: that backtracks quadratically on a long run of spaces.
 */
function joinLines(text) {
    const parts = text.split(/[\r\n]+/);
    if (parts.length === 1)
        return text;
    return parts.map((part, i) => (i === 0 ? part.trimEnd() : i === parts.length - 1 ? part.trimStart() : part.trim())).join(' ');
}
/** Untrusted text inside an inline code span (paths, refs): no backticks, no newlines, pipes escaped for tables. */
function escape_markdown_escapeCode(text, maxLength = 200) {
    const single = truncate(text.replace(INVISIBLE, '').replace(/[\r\n]+/g, ' '), maxLength).replace(/`/g, "'").replace(/\|/g, '\\|');
    return `\`${single.replace(/^ | $/g, ' ')}\``;
}
/**
 * A link to an http(s) URL with escaped text, or the escaped text alone when the URL is not one:
 * `javascript:` and other schemes never become links.
 */
function escape_markdown_markdownLink(text, url) {
    const label = escape_markdown_escapeMarkdown(text, 200);
    if (!url)
        return label;
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return label;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        return label;
    const href = parsed.href.replace(/[()<>\s|"'`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return `[${label}](${href})`;
}
/** Cuts text to `max` characters (whole code points), marking the cut. */
function truncate(text, max) {
    if (text.length <= max)
        return text;
    const points = [...text];
    return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

;// CONCATENATED MODULE: ./core/render/result-words.ts
/** How each result reads to a person, with a symbol that survives plain-text rendering. */
const RESULT_WORDS = {
    pass: '✅ met',
    fail: '❌ not met',
    missing: '❌ evidence missing',
    stale: '❌ evidence stale',
    invalid: '❌ evidence invalid',
    waived: '⚠️ waived',
    'not-applicable': '➖ not applicable',
};
/** Result words of a control, marking failures that do not block. */
function result_words_controlResultWords(control) {
    const words = RESULT_WORDS[control.result];
    const failing = control.result === 'fail' || control.result === 'missing' || control.result === 'stale' || control.result === 'invalid';
    return failing && !control.blocking ? `${words.replace('❌', '⚠️')} (report-only)` : words;
}
/** The conclusion as a heading word. */
const CONCLUSION_WORDS = {
    success: '✅ passed',
    failure: '❌ failed',
    neutral: '➖ nothing to check',
    action_required: '⚠️ config error',
};
/** The heading word of a result: an applied override reads as overridden, never as passed. */
function result_words_conclusionWords(result) {
    return result.override?.state === 'applied' ? '⚠️ overridden' : CONCLUSION_WORDS[result.conclusion];
}
/** Framework ids in one cell: `SOC 2 CC8.1 · ISO A.8.32 · SSDF PW.8.2`. */
function result_words_frameworksText(frameworks) {
    return [`SOC 2 ${frameworks.soc2.join(', ')}`, `ISO ${frameworks.iso27001.join(', ')}`, `SSDF ${frameworks.ssdf.join(', ')}`].join(' · ');
}

;// CONCATENATED MODULE: ./core/render/render-gate-notes.ts



/** Hidden marker by which the app finds its own gate-notes comment to update it in place. */
const GATE_NOTES_MARKER = '<!-- maestro-conductor:gate-notes -->';
/** GitHub refuses comment bodies and check summaries above 65,535 characters. */
const GITHUB_TEXT_LIMIT = 65_535;
/**
 * Gate notes: a heading with the conclusion, one table row per applicable control (framework ids,
 * result in words, explanation, evidence), then waivers, unusable and unused evidence, and the
 * controls that do not apply. Everything taken from users or evidence is escaped. When the budget
 * is reached, rows are dropped from the end with a visible note saying how many.
 */
function renderGateNotes(result, options = {}) {
    const limit = (options.limit ?? GITHUB_TEXT_LIMIT) - 200;
    const head = [
        ...(options.marker ? [GATE_NOTES_MARKER] : []),
        `### ${conclusionWords(result)}: ${escapeMarkdown(result.checkName, 100)}`,
        '',
        escapeMarkdown(result.headline, 2000),
        '',
        subjectLine(result, options.evaluatedAt ?? true),
        '',
    ];
    if (result.override)
        head.push(overrideLine(result.override), '');
    if (result.configIssues.length > 0)
        head.push(...configIssueLines(result), '');
    const applicable = result.controls.filter((c) => c.result !== 'not-applicable');
    const notApplicable = result.controls.filter((c) => c.result === 'not-applicable');
    const sections = [];
    if (applicable.length > 0)
        sections.push(tableSection(applicable.map(controlRow), ['Control', 'Priority', 'Frameworks', 'Result', 'Explanation', 'Evidence']));
    if (result.waivers.length > 0)
        sections.push(['**Waivers**', '', ...result.waivers.map(waiverLine), '']);
    if (result.evidence.rejected.length > 0) {
        sections.push(['**Unusable evidence** (the gate cannot pass while these files are present)', '', ...result.evidence.rejected.map((r) => `- ${escapeCode(r.ref.path)}: ${escapeMarkdown(r.message, 600)}`), '']);
    }
    if (result.evidence.ignored.length > 0) {
        sections.push(['<details><summary>Evidence not used</summary>', '', ...result.evidence.ignored.map((r) => `- ${escapeCode(r.ref.path)}: ${escapeMarkdown(r.reason, 400)}`), '', '</details>', '']);
    }
    if (notApplicable.length > 0) {
        sections.push([
            `<details><summary>${notApplicable.length} ${notApplicable.length === 1 ? 'control does' : 'controls do'} not apply</summary>`,
            '',
            ...tableSection(notApplicable.map((c) => [`**${escapeMarkdown(c.controlId)}** ${escapeMarkdown(c.title, 100)}`, escapeMarkdown(c.applies.reasons.join('; '), 600)]), ['Control', 'Why not']),
            '</details>',
            '',
        ]);
    }
    return fit(head, sections, limit);
}
function subjectLine(result, evaluatedAt) {
    const s = result.subject;
    const pr = markdownLink(`${s.repo}#${s.pr}`, s.url);
    const when = evaluatedAt ? ` · evaluated ${escapeMarkdown(result.evaluatedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))}` : '';
    return `${pr} ${escapeMarkdown(s.title, 200)} · head ${escapeCode(s.sha.slice(0, 12))}${when} · catalog ${escapeCode(result.catalogDigest.slice(0, 12))}`;
}
function configIssueLines(result) {
    return result.configIssues.map((i) => `- ${i.key ? escapeCode(i.key) : 'file'}${i.line ? ` (line ${i.line})` : ''}: ${escapeMarkdown(i.message, 600)}`);
}
function controlRow(c) {
    const notes = c.notes.length > 0 ? ` (${c.notes.join('; ')})` : '';
    return [
        `**${escapeMarkdown(c.controlId)}** ${escapeMarkdown(c.title, 100)}`,
        c.priority,
        escapeMarkdown(frameworksText(c.frameworks), 300),
        controlResultWords(c),
        escapeMarkdown(`${c.explanation}${notes}`, 1500),
        evidenceCell(c.requirements.flatMap((r) => r.evidence)),
    ];
}
function evidenceCell(refs) {
    if (refs.length === 0)
        return '–';
    const unique = [...new Map(refs.map((r) => [r.path, r])).values()];
    return unique
        .slice(0, 5)
        .map((r) => `${r.url ? markdownLink(r.path, r.url) : escapeCode(r.path, 120)} ${escapeCode(r.sha256.slice(0, 12))}`)
        .concat(unique.length > 5 ? [`and ${unique.length - 5} more`] : [])
        .join('<br>');
}
function overrideLine(o) {
    const who = escapeMarkdown(`@${o.by}`);
    const link = o.commentUrl ? ` (${markdownLink('comment', o.commentUrl)})` : '';
    const when = escapeMarkdown(o.at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'));
    return o.state === 'applied'
        ? `> **Override** by ${who} at ${when}${link} for commit ${escapeCode(o.sha.slice(0, 12))} only: the gate would conclude ${o.wouldBe}. Reason: ${escapeMarkdown(o.reason, 1000)}`
        : `> An override by ${who}${link} exists for this commit but is not needed: the gate passes on its own.`;
}
function waiverLine(w) {
    const state = w.state === 'active' ? 'active' : w.state === 'expired' ? 'expired, no longer counts' : 'active, not needed';
    return `- **${escapeMarkdown(w.controlId)}** waived by ${escapeMarkdown(`@${w.approvedBy}`)} until ${escapeMarkdown(w.until)} (${state}): ${escapeMarkdown(w.reason, 500)}`;
}
/** A table as lines; rows are kept separately so `fit` can drop them. */
function tableSection(rows, header) {
    return markdownTable([header, ...rows], { alignDelimiters: false }).split('\n').concat('');
}
/** Joins head and sections within the budget, dropping trailing lines with a note saying what was left out. */
function fit(head, sections, limit) {
    const out = [...head];
    let size = out.join('\n').length;
    let dropped = 0;
    for (const section of sections) {
        for (let i = 0; i < section.length; i++) {
            const line = section[i];
            if (dropped === 0 && size + line.length + 1 <= limit) {
                out.push(line);
                size += line.length + 1;
            }
            else if (line.startsWith('|') || line.startsWith('- ')) {
                dropped++;
            }
        }
    }
    if (dropped > 0) {
        const opened = out.filter((l) => l.startsWith('<details')).length - out.filter((l) => l === '</details>').length;
        if (opened > 0)
            out.push('', '</details>');
        out.push('', `_${dropped} more ${dropped === 1 ? 'row was' : 'rows were'} left out to stay within GitHub's size limit; the JSON result (maestro gate --format json, or the decision-log artifact) has every decision._`);
    }
    return `${out.join('\n').trimEnd()}\n`;
}

;// CONCATENATED MODULE: ./core/gates/attestation/render-attestations.ts



/** The attestation gate for a job summary or PR comment: verdict, policy, one row per artifact, quarantine. */
function renderAttestations(data, passed, headline, limit = GITHUB_TEXT_LIMIT) {
    const policy = [
        data.policy.identity ? `identity ${escape_markdown_escapeCode(data.policy.identity, 300)}` : undefined,
        data.policy.issuer ? `issuer ${escape_markdown_escapeCode(data.policy.issuer, 200)}` : undefined,
        data.policy.key ? 'public key' : undefined,
        data.policy.predicateType ? `predicate ${escape_markdown_escapeCode(data.policy.predicateType, 200)}` : undefined,
        `trusted root ${escape_markdown_escapeCode(data.policy.trustedRoot ?? 'shipped', 200)}`,
    ].filter(Boolean);
    const out = [
        `### Attestations ${passed ? '✅ verified' : '❌ failed'}`,
        '',
        escape_markdown_escapeMarkdown(headline, 1500),
        '',
        `Policy: ${policy.join(' · ')}`,
        '',
        ...renderBudgetTable(['Artifact', 'Result', 'Signer', 'Provenance', 'Problems'], data.artifacts.map(row), limit - 4000, 'the attestation-verification report (maestro verify-attestation --format json)'),
        '',
    ];
    if (data.quarantine.paths.length > 0) {
        out.push(`**Quarantined** (${data.quarantine.mode})`, '', ...data.quarantine.paths.slice(0, 50).map((p) => `- ${escape_markdown_escapeCode(p, 300)}`), ...(data.quarantine.paths.length > 50 ? [`- and ${data.quarantine.paths.length - 50} more`] : []), '');
    }
    return `${out.join('\n').trimEnd()}\n`;
}
function row(a) {
    const signer = a.identity ? `${escape_markdown_escapeCode(a.identity, 200)}${a.issuer ? ` via ${escape_markdown_escapeCode(a.issuer, 100)}` : ''}` : a.keyId ? `key ${escape_markdown_escapeCode(a.keyId, 80)}` : '–';
    const p = a.provenance;
    const provenance = p ? `${escape_markdown_escapeCode(`${p.sourceRepo}@${p.ref}`, 200)} ${escape_markdown_escapeCode(p.workflow, 150)}${p.commit ? ` ${escape_markdown_escapeCode(p.commit.slice(0, 12))}` : ''}<br>builder ${escape_markdown_escapeCode(p.builder, 150)}` : a.predicateType ? escape_markdown_escapeCode(a.predicateType, 150) : '–';
    const problems = a.errors.length > 0 ? a.errors.map((e) => `**${e.check}**: ${escape_markdown_escapeMarkdown(e.message, 400)}`).join('<br>') : '–';
    return [`${escape_markdown_escapeCode(a.path, 200)}<br>${escape_markdown_escapeCode(a.digest.slice(0, 19))}…`, a.verified ? '✅ verified' : '❌ unverified', signer, provenance, problems];
}

;// CONCATENATED MODULE: ./core/gates/attestation/evaluate-attestations.ts



const MAX_LISTED_SUBJECTS = 5;
/**
 * Decides, for each artifact, whether a verified bundle vouches for it: a bundle whose statement
 * names one of the artifact's digests as a subject (or whose message signature signs its digest),
 * that passed every check, and whose predicate type the policy accepts. An artifact no bundle
 * claims fails the subject check, which is how a tampered artifact shows up.
 */
function evaluateAttestations(input) {
    return input.artifacts.map((artifact) => evaluateArtifact(artifact, input.bundles, input.policy));
}
function evaluateArtifact(artifact, bundles, policy) {
    const digests = new Set(Object.entries(artifact.digests).map(([alg, hex]) => `${alg}:${hex}`));
    const base = { path: artifact.path, digest: `sha256:${artifact.digests.sha256}` };
    const candidates = bundles.filter((b) => b.claims.some((c) => digests.has(c)));
    if (candidates.length === 0) {
        const claimed = [...new Set(bundles.flatMap((b) => b.claims.map((c, i) => `${b.names[i] ?? b.path} ${c.slice(0, 23)}…`)))];
        const listed = claimed.length > 0 ? `; the bundles name ${claimed.slice(0, MAX_LISTED_SUBJECTS).join(', ')}${claimed.length > MAX_LISTED_SUBJECTS ? ` and ${claimed.length - MAX_LISTED_SUBJECTS} more` : ''}` : '';
        return { ...base, verified: false, errors: [{ check: 'subject', message: `subject check failed: no bundle names this artifact's digest (${base.digest}) as a subject: the artifact is not the one that was signed${listed}` }] };
    }
    const verified = candidates.filter((b) => !b.error);
    const accepted = verified.filter((b) => acceptsPredicate(policy.predicateType, b.statement?.predicateType));
    const primary = accepted.find((b) => b.statement && SLSA_PREDICATES.includes(b.statement.predicateType)) ?? accepted[0];
    if (!primary) {
        const errors = candidates.filter((b) => b.error).map((b) => ({ check: b.error.check, message: `${b.path}: ${b.error.message}` }));
        for (const b of verified)
            errors.push({ check: 'predicate', message: `${b.path}: predicate check failed: the attestation is ${b.statement ? `of type ${b.statement.predicateType}` : 'a plain signature'}, the policy wants ${describePredicate(policy.predicateType)}` });
        return { ...base, verified: false, errors };
    }
    const result = { ...base, verified: true, bundle: primary.path, errors: [] };
    if (primary.signer?.identity)
        result.identity = primary.signer.identity;
    if (primary.signer?.issuer)
        result.issuer = primary.signer.issuer;
    if (primary.signer?.keyId)
        result.keyId = primary.signer.keyId;
    if (primary.statement) {
        result.predicateType = primary.statement.predicateType;
        const provenance = readSlsaProvenance(primary.statement);
        if (provenance)
            result.provenance = provenance;
    }
    return result;
}
function acceptsPredicate(wanted, actual) {
    if (wanted === undefined || wanted === 'any')
        return true;
    if (wanted === 'slsa')
        return actual !== undefined && SLSA_PREDICATES.includes(actual);
    return actual === wanted;
}
function describePredicate(wanted) {
    return wanted === 'slsa' ? `SLSA provenance (${SLSA_PREDICATES.join(' or ')})` : String(wanted);
}
/** The gate outcome once the unverified artifacts were quarantined: it fails when any artifact is unverified or none was given. */
function concludeAttestations(artifacts, policy, quarantine, context) {
    const unverified = artifacts.filter((a) => !a.verified);
    const data = { policy, counts: { verified: artifacts.length - unverified.length, unverified: unverified.length }, artifacts, quarantine };
    const where = quarantine.mode === 'move' ? 'moved to quarantine' : quarantine.mode === 'rename' ? 'renamed with .quarantined' : 'left in place';
    const headline = artifacts.length === 0
        ? 'No artifacts were given: nothing is proven.'
        : unverified.length === 0
            ? `All ${artifacts.length} ${artifacts.length === 1 ? 'artifact is' : 'artifacts are'} signed and attested as the policy requires.`
            : `${unverified.length} of ${artifacts.length} ${artifacts.length === 1 ? 'artifact' : 'artifacts'} could not be verified (${where}): ${unverified.map((a) => a.path).slice(0, 5).join(', ')}${unverified.length > 5 ? ', …' : ''}.`;
    // Artifacts are build outputs, not files of the repository: the annotation names them in its title.
    const annotations = unverified.map((a) => ({ level: 'error', title: `unverified artifact ${a.path}`, message: a.errors.map((e) => e.message).join('\n') }));
    const passed = artifacts.length > 0 && unverified.length === 0;
    return {
        gate: 'attestation',
        report: buildReport('attestation-verification', data, context),
        conclusion: passed ? 'pass' : 'fail',
        headline,
        markdown: renderAttestations(data, passed, headline),
        annotations,
        outputs: { verified: String(data.counts.verified), unverified: String(data.counts.unverified), 'quarantined-paths': quarantine.paths.join('\n') },
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./adapters/fs/hash-artifact.ts




/** Digest algorithms in-toto subjects use that are still collision-resistant. */
const SUBJECT_ALGORITHMS = ['sha256', 'sha384', 'sha512'];
/** Hashes a file once, streaming (artifacts can be gigabytes), with every subject algorithm; lower-case hex by algorithm. */
async function hashArtifact(path) {
    const info = await (0,promises_.stat)(path).catch((cause) => {
        throw new errors/* MaestroError */.Gq('FILE_NOT_FOUND', `artifact ${path} does not exist`, { file: path, remedy: 'pass the path of a built artifact.', cause });
    });
    if (!info.isFile())
        throw new errors/* MaestroError */.Gq('NOT_A_FILE', `artifact ${path} is not a regular file`, { file: path, remedy: 'pass the path of a built artifact, not a folder.' });
    const hashes = SUBJECT_ALGORITHMS.map((alg) => (0,external_node_crypto_.createHash)(alg));
    await new Promise((resolve, reject) => {
        (0,external_node_fs_.createReadStream)(path, { highWaterMark: 1 << 20 })
            .on('data', (chunk) => hashes.forEach((h) => h.update(chunk)))
            .on('error', (cause) => reject(new errors/* MaestroError */.Gq('FILE_UNREADABLE', `artifact ${path} cannot be read`, { file: path, remedy: 'check the file permissions.', cause })))
            .on('end', () => resolve());
    });
    return Object.fromEntries(SUBJECT_ALGORITHMS.map((alg, i) => [alg, hashes[i].digest('hex')]));
}

;// CONCATENATED MODULE: ./adapters/fs/quarantine-artifacts.ts



/** The suffix given to unverified artifacts in `rename` mode. */
const QUARANTINE_SUFFIX = '.quarantined';
/**
 * Sets unverified artifacts aside so a later publish step cannot ship them: `rename` adds
 * `.quarantined`, `move` moves them into `dir` (out of the publish folder; copy and delete across
 * file systems), `none` leaves them. Never overwrites: a taken name gets `.1`, `.2`, ...
 * Returns where each artifact is now.
 */
async function quarantineArtifacts(paths, mode, dir) {
    if (mode === 'none')
        return [];
    if (mode === 'move')
        await (0,promises_.mkdir)(dir, { recursive: true });
    const moved = [];
    for (const path of paths) {
        const target = await freeName(mode === 'rename' ? `${path}${QUARANTINE_SUFFIX}` : (0,external_node_path_.join)(dir, (0,external_node_path_.basename)(path)));
        try {
            await (0,promises_.rename)(path, target);
        }
        catch (cause) {
            if (cause.code !== 'EXDEV')
                throw cannotMove(path, target, cause);
            await (0,promises_.copyFile)(path, target).then(() => (0,promises_.unlink)(path)).catch((error) => {
                throw cannotMove(path, target, error);
            });
        }
        moved.push(target);
    }
    return moved;
}
async function freeName(wanted) {
    for (let i = 0;; i++) {
        const name = i === 0 ? wanted : `${wanted}.${i}`;
        const taken = await (0,promises_.stat)(name).then(() => true, () => false);
        if (!taken)
            return name;
    }
}
function cannotMove(path, target, cause) {
    return new errors/* MaestroError */.Gq('FILE_UNREADABLE', `cannot quarantine ${path} to ${target} (${cause.code ?? 'error'})`, { file: path, remedy: 'check that the artifact folder and the quarantine folder are writable; do not publish the artifact.', cause });
}

// EXTERNAL MODULE: ./core/evidence/parse-json-text.ts
var parse_json_text = __webpack_require__(41724);
;// CONCATENATED MODULE: ./adapters/fs/read-input-file.ts




/**
 * Reads a file the user named, refusing anything that is not a regular file or is larger than
 * `maxBytes` before reading it. Errors name the file, what it was for, and what to do.
 */
async function readInputFile(path, what, maxBytes) {
    let info;
    try {
        info = await (0,promises_.stat)(path);
    }
    catch (cause) {
        const code = cause.code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
            throw new errors/* MaestroError */.Gq('FILE_NOT_FOUND', `${what} ${path} does not exist`, { file: path, remedy: 'check the path; relative paths are resolved from the current directory.', cause });
        throw new errors/* MaestroError */.Gq('FILE_UNREADABLE', `${what} ${path} cannot be read (${code ?? 'unknown error'})`, { file: path, remedy: 'check the file permissions.', cause });
    }
    if (!info.isFile())
        throw new errors/* MaestroError */.Gq('NOT_A_FILE', `${what} ${path} is not a regular file`, { file: path, remedy: `pass the path of a file${info.isDirectory() ? ', not a directory' : ''}.` });
    if (info.size > maxBytes) {
        throw new errors/* MaestroError */.Gq('FILE_TOO_LARGE', `${what} ${path} is ${info.size} bytes, more than the limit of ${maxBytes}`, { file: path, remedy: 'pass the right file; this limit protects the gate from runaway or hostile input.' });
    }
    const handle = await (0,promises_.open)(path, 'r');
    try {
        const buffer = Buffer.alloc(info.size);
        let offset = 0;
        while (offset < info.size) {
            const { bytesRead } = await handle.read(buffer, offset, info.size - offset, offset);
            if (bytesRead === 0)
                break;
            offset += bytesRead;
        }
        return offset === info.size ? buffer : buffer.subarray(0, offset);
    }
    finally {
        await handle.close();
    }
}
/** Reads a JSON file the user named; syntax errors become JSON_SYNTAX errors naming the file. */
async function readJsonFile(path, what, maxBytes) {
    const bytes = await readInputFile(path, what, maxBytes);
    const parsed = (0,parse_json_text/* parseJsonText */.l)(bytes);
    if (!parsed.ok)
        throw new errors/* MaestroError */.Gq('JSON_SYNTAX', `${what} ${path} is ${parsed.message}`, { file: path, remedy: 'fix the JSON syntax at the given line and column.' });
    return parsed.value;
}
/**
 * Reads a regular file of at most `maxBytes` synchronously, checking the size on the open file
 * descriptor (so a file swapped or grown after a directory listing is still bounded). Returns
 * `undefined` when the file is larger than `maxBytes`. For one-shot commands reading many small
 * files, where awaiting each system call costs more than the reads themselves.
 */
function readBoundedSync(path, maxBytes) {
    // O_NOFOLLOW: a path swapped for a symbolic link after it was listed is refused, not followed.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
        const size = fstatSync(fd).size;
        if (size > maxBytes)
            return undefined;
        const buffer = Buffer.alloc(size);
        let offset = 0;
        while (offset < size) {
            const read = readSync(fd, buffer, offset, size - offset, offset);
            if (read === 0)
                break;
            offset += read;
        }
        return offset === size ? buffer : buffer.subarray(0, offset);
    }
    finally {
        closeSync(fd);
    }
}
/** The InputFiles port over the local file system. */
const fsInputFiles = { read: readInputFile, readJson: readJsonFile };

// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var dist = __webpack_require__(61040);
// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/index.js
var protobuf_specs_dist = __webpack_require__(19654);
// EXTERNAL MODULE: ./node_modules/@sigstore/tuf/seeds.json
var seeds = __webpack_require__(8032);
// EXTERNAL MODULE: ./node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(54187);
;// CONCATENATED MODULE: ./core/ports/bundle-verifier.ts

/** A bundle that did not verify: `code` is `SIGNATURE_INVALID` or `BUNDLE_INVALID`, `check` names the failed check. */
class SignatureInvalidError extends errors/* MaestroError */.Gq {
    check;
    constructor(check, message, options = {}) {
        super(check === 'bundle' ? 'BUNDLE_INVALID' : check === 'trust-root' ? 'TRUST_ROOT_INVALID' : 'SIGNATURE_INVALID', message, options);
        this.check = check;
    }
}

;// CONCATENATED MODULE: ./adapters/sigstore/verify-sigstore-bundle.ts






/**
 * The one place that verifies Sigstore bundles. Verification never touches the network: the trust
 * material is the trusted root given (a `trusted_root.json` fetched and pinned elsewhere) or, by
 * default, the Sigstore public-good trusted root shipped inside the `sigstore` library's TUF seeds.
 * The cryptography (signature, certificate chain to a trusted CA, SCTs, transparency log inclusion,
 * signing time within the certificate and trust-root validity) is the `sigstore` library's; the
 * identity policy is checked here so that a wrong identity and a wrong issuer say which one failed.
 */
const SUPPORTED_MEDIA_TYPES = ['application/vnd.dev.sigstore.bundle+json;version=0.1', 'application/vnd.dev.sigstore.bundle+json;version=0.2', 'application/vnd.dev.sigstore.bundle+json;version=0.3', 'application/vnd.dev.sigstore.bundle.v0.3+json'];
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const SHIPPED_ROOT_NAME = 'the Sigstore public-good trusted root shipped with the sigstore library';
let shippedRoot;
// Trust material is built once per root and key: parsing its certificates and keys costs more than verifying one bundle.
const parsedRoots = new WeakMap();
const trustCache = new WeakMap();
/** Verifies one Sigstore bundle; throws `SignatureInvalidError` naming the failed check and the remedy. */
function verifySigstoreBundle(input) {
    const bundle = parseBundle(input.bundle, input.bundleFile);
    const rootName = input.trustedRootFile ?? SHIPPED_ROOT_NAME;
    const root = input.trustedRoot === undefined ? loadShippedRoot() : givenRoot(input.trustedRoot, rootName);
    const keyed = bundle.verificationMaterial.content.$case === 'publicKey';
    const publicKey = keyed ? requireKey(input, bundle) : undefined;
    if (!keyed && input.policy.identity === undefined) {
        throw new SignatureInvalidError('identity', `${input.bundleFile} is signed with a certificate (keyless) but no identity policy was given`, { file: input.bundleFile, remedy: 'pass the expected signer identity (the workflow URI or e-mail in the certificate) and its OIDC issuer.' });
    }
    const content = bundle.content;
    if (content.$case === 'messageSignature' && input.artifact === undefined) {
        throw new SignatureInvalidError('signature', `${input.bundleFile} signs an artifact's digest (message signature) but no artifact was given`, { file: input.bundleFile, remedy: 'pass the artifact the bundle signs.' });
    }
    const trust = trustFor(root, publicKey, input.policy.publicKeyPem, rootName);
    let signer;
    try {
        const entity = (0,verify_dist/* toSignedEntity */.DC)(bundle, input.artifact);
        const threshold = input.tlogThreshold ?? 1;
        signer = new verify_dist/* Verifier */.BL(trust, { tlogThreshold: threshold, timestampThreshold: threshold === 0 ? 0 : 1 }).verify(entity);
    }
    catch (cause) {
        throw toSignatureError(cause, input.bundleFile, rootName);
    }
    const signerInfo = keyed ? keySigner(publicKey, bundle) : checkIdentity(signer, input.policy, input.bundleFile);
    return {
        mediaType: bundle.mediaType,
        ...describeContent(bundle, input.bundleFile),
        signer: signerInfo,
        tlogEntries: bundle.verificationMaterial.tlogEntries.map((entry) => describeTlogEntry(entry, trust)),
    };
}
/**
 * A public key's fingerprint: `SHA256:` and the unpadded base64 SHA-256 of its SPKI DER, computed from
 * the key itself. The bundle's hint is reported beside it: hints are free text (npm's are not this digest).
 */
function publicKeyId(key) {
    const der = key.export({ type: 'spki', format: 'der' });
    return `SHA256:${(0,external_node_crypto_.createHash)('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}
function parseBundle(json, file) {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        throw new SignatureInvalidError('bundle', `${file} is not a Sigstore bundle (expected a JSON object)`, { file, remedy: 'pass the .sigstore.json bundle the signer produced.' });
    }
    const mediaType = json.mediaType;
    if (typeof mediaType !== 'string' || !SUPPORTED_MEDIA_TYPES.includes(mediaType)) {
        throw new SignatureInvalidError('bundle', `${file} has media type ${JSON.stringify(mediaType ?? null)}, which is not a Sigstore bundle version this verifier knows (${SUPPORTED_MEDIA_TYPES.join(', ')})`, {
            file,
            pointer: '/mediaType',
            remedy: 'pass a Sigstore bundle v0.1 to v0.3; for a newer format, upgrade Maestro.',
        });
    }
    try {
        return (0,dist/* bundleFromJSON */.vw)(json);
    }
    catch (cause) {
        const fields = cause.fields;
        throw new SignatureInvalidError('bundle', `${file} is a malformed Sigstore bundle${fields?.length ? ` (invalid: ${fields.join(', ')})` : ''}: ${cause.message}`, { file, remedy: 'pass the bundle exactly as the signer wrote it.', cause });
    }
}
function loadShippedRoot() {
    if (shippedRoot)
        return shippedRoot;
    const target = seeds/* https://tuf-repo-cdn.sigstore.dev.targets.trusted_root.json */.T.z.j;
    shippedRoot = parseTrustedRoot(JSON.parse(Buffer.from(target, 'base64').toString('utf8')), SHIPPED_ROOT_NAME);
    return shippedRoot;
}
function parseTrustedRoot(json, name) {
    const ok = typeof json === 'object' && json !== null && typeof json.mediaType === 'string' && String(json.mediaType).startsWith('application/vnd.dev.sigstore.trustedroot');
    if (!ok)
        throw new SignatureInvalidError('trust-root', `${name} is not a Sigstore trusted root (its mediaType must be application/vnd.dev.sigstore.trustedroot+json)`, { file: name, pointer: '/mediaType', remedy: 'pass a trusted_root.json as the Sigstore TUF repository serves it (for example from `sigstore` or `cosign trusted-root`).' });
    try {
        return protobuf_specs_dist.TrustedRoot.fromJSON(json);
    }
    catch (cause) {
        throw new SignatureInvalidError('trust-root', `${name} is a malformed Sigstore trusted root: ${cause.message}`, { file: name, remedy: 'pass the trusted_root.json unchanged.', cause });
    }
}
function givenRoot(json, name) {
    if (typeof json !== 'object' || json === null)
        return parseTrustedRoot(json, name);
    const cached = parsedRoots.get(json);
    if (cached)
        return cached;
    const root = parseTrustedRoot(json, name);
    parsedRoots.set(json, root);
    return root;
}
function trustFor(root, key, keyPem, rootName) {
    const byKey = trustCache.get(root) ?? new Map();
    trustCache.set(root, byKey);
    const id = key ? (keyPem ?? '') : '';
    const cached = byKey.get(id);
    if (cached)
        return cached;
    const trust = toTrust(root, key, rootName);
    byKey.set(id, trust);
    return trust;
}
function requireKey(input, bundle) {
    const hint = bundle.verificationMaterial.content.$case === 'publicKey' ? bundle.verificationMaterial.content.publicKey.hint : '';
    if (input.policy.publicKeyPem === undefined) {
        throw new SignatureInvalidError('key', `${input.bundleFile} is signed with a key${hint ? ` (hint ${hint})` : ''} but no public key was given`, { file: input.bundleFile, remedy: 'pass the signer\'s PEM public key.' });
    }
    try {
        return (0,external_node_crypto_.createPublicKey)(input.policy.publicKeyPem);
    }
    catch (cause) {
        throw new SignatureInvalidError('key', `the public key given for ${input.bundleFile} is not a PEM public key: ${cause.message}`, { file: input.bundleFile, remedy: 'pass a PEM file starting with -----BEGIN PUBLIC KEY-----.', cause });
    }
}
function toTrust(root, key, rootName) {
    try {
        // The given key is trusted whatever the bundle's hint: hints are not authenticated, the signature check is.
        return (0,verify_dist/* toTrustMaterial */.jO)(root, () => {
            if (!key)
                throw new verify_dist/* VerificationError */.mk({ code: 'PUBLIC_KEY_ERROR', message: 'no public key given' });
            return { publicKey: key, validFor: () => true };
        });
    }
    catch (cause) {
        throw new SignatureInvalidError('trust-root', `${rootName} holds a key or certificate that cannot be read: ${cause.message}`, { file: rootName, remedy: 'pass the trusted_root.json unchanged.', cause });
    }
}
const CHECK_BY_CODE = {
    SIGNATURE_ERROR: { check: 'signature', what: 'the signature does not match the signed content: the artifact, the payload or the signature was altered', remedy: 'rebuild or re-download the artifact and its bundle from the publisher; do not ship this artifact.' },
    CERTIFICATE_ERROR: { check: 'certificate', what: 'the signing certificate does not chain to a certificate authority of the trusted root valid at signing time', remedy: 'check that the trusted root is current and is the one the signer used (public-good or private Sigstore); an expired or unknown root cannot vouch for this signer.' },
    PUBLIC_KEY_ERROR: { check: 'key', what: 'the bundle names a key the verifier was not given', remedy: 'pass the signer\'s public key.' },
    TIMESTAMP_ERROR: { check: 'timestamp', what: 'the signing time could not be established from a trusted timestamp or log entry', remedy: 'check the bundle carries its transparency log entry or RFC 3161 timestamp and the trusted root holds that authority.' },
    TLOG_ERROR: { check: 'transparency-log', what: 'the transparency log entries are missing or not from a log of the trusted root', remedy: 'check the trusted root lists the log the signer used; a bundle without a log entry cannot be verified here.' },
    TLOG_INCLUSION_PROOF_ERROR: { check: 'transparency-log', what: 'the transparency log inclusion proof does not verify', remedy: 'the bundle was altered or the log is not trusted: re-download the bundle from the publisher.' },
    TLOG_INCLUSION_PROMISE_ERROR: { check: 'transparency-log', what: 'the transparency log\'s signed entry timestamp does not verify', remedy: 'the bundle was altered or the log is not trusted: re-download the bundle from the publisher.' },
    TLOG_MISSING_INCLUSION_ERROR: { check: 'transparency-log', what: 'the transparency log entry has neither inclusion proof nor promise', remedy: 're-download the complete bundle from the publisher.' },
    TLOG_BODY_ERROR: { check: 'transparency-log', what: 'the transparency log entry records different content from the bundle\'s signature', remedy: 'the bundle was altered: re-download it from the publisher; do not ship this artifact.' },
};
function toSignatureError(cause, file, rootName) {
    if (cause instanceof verify_dist/* VerificationError */.mk) {
        const known = CHECK_BY_CODE[cause.code] ?? { check: 'signature', what: 'verification failed', remedy: 'check the bundle and trusted root.' };
        return new SignatureInvalidError(known.check, `${file}: ${known.check} check failed: ${known.what} (${cause.message}; trusted root: ${rootName})`, { file, remedy: known.remedy, cause });
    }
    if (cause instanceof verify_dist/* PolicyError */.pn)
        return new SignatureInvalidError('identity', `${file}: identity check failed: ${cause.message}`, { file, remedy: 'check the expected identity and issuer.', cause });
    const message = cause instanceof Error ? cause.message : String(cause);
    // Decoding errors surface from toSignedEntity (bad certificate DER, bad base64 in a signature).
    return new SignatureInvalidError('bundle', `${file} cannot be verified: ${message}`, { file, remedy: 'pass the bundle exactly as the signer wrote it.', cause });
}
function checkIdentity(signer, policy, file) {
    const identity = signer.identity?.subjectAlternativeName ?? '';
    const issuer = signer.identity?.extensions?.issuer;
    const wanted = policy.identity;
    const matches = typeof wanted === 'string' ? identity === wanted : wanted.test(identity);
    if (!matches) {
        throw new SignatureInvalidError('identity', `${file}: identity check failed: the certificate was issued to ${JSON.stringify(identity)}, the policy wants ${typeof wanted === 'string' ? JSON.stringify(wanted) : `a match of ${String(wanted)}`}`, {
            file,
            remedy: 'check the expected identity (for GitHub Actions: https://github.com/OWNER/REPO/.github/workflows/FILE@REF); if the signer is right, update the policy.',
        });
    }
    if (policy.issuer !== undefined && issuer !== policy.issuer) {
        throw new SignatureInvalidError('issuer', `${file}: issuer check failed: the certificate's OIDC issuer is ${JSON.stringify(issuer ?? null)}, the policy wants ${JSON.stringify(policy.issuer)}`, {
            file,
            remedy: 'check the expected issuer (GitHub Actions: https://token.actions.githubusercontent.com).',
        });
    }
    return issuer === undefined ? { type: 'certificate', identity } : { type: 'certificate', identity, issuer };
}
function keySigner(key, bundle) {
    const material = bundle.verificationMaterial.content;
    const hint = material.$case === 'publicKey' ? material.publicKey.hint : '';
    return hint ? { type: 'key', keyId: publicKeyId(key), hint } : { type: 'key', keyId: publicKeyId(key) };
}
function describeContent(bundle, file) {
    const content = bundle.content;
    if (content.$case === 'messageSignature') {
        const digest = content.messageSignature.messageDigest;
        return { content: 'message-signature', ...(digest ? { messageDigest: `sha256:${Buffer.from(digest.digest).toString('hex')}` } : {}) };
    }
    const { payloadType, payload } = content.dsseEnvelope;
    if (payloadType !== IN_TOTO_PAYLOAD_TYPE)
        return { content: 'dsse', payloadType };
    return { content: 'dsse', payloadType, statement: parseStatement(payload, file) };
}
function parseStatement(payload, file) {
    let value;
    try {
        value = JSON.parse(payload.toString('utf8'));
    }
    catch (cause) {
        throw new SignatureInvalidError('bundle', `${file}: the signed in-toto payload is not JSON`, { file, pointer: '/dsseEnvelope/payload', remedy: 'the signer produced a broken attestation; ask the publisher for a correct one.', cause });
    }
    const statement = value;
    const subjectsOk = Array.isArray(statement.subject) && statement.subject.every((s) => typeof s === 'object' && s !== null && typeof s.digest === 'object' && s.digest !== null);
    if (typeof statement._type !== 'string' || typeof statement.predicateType !== 'string' || !subjectsOk) {
        throw new SignatureInvalidError('bundle', `${file}: the signed payload is not an in-toto statement (it needs _type, subject[] with digests and predicateType)`, { file, pointer: '/dsseEnvelope/payload', remedy: 'the signer produced a broken attestation; ask the publisher for a correct one.' });
    }
    return statement;
}
function describeTlogEntry(entry, trust) {
    const keyId = Buffer.from(entry.logId?.keyId ?? []);
    const logId = keyId.toString('base64');
    const log = trust.tlogs.find((t) => t.logID.equals(keyId));
    const seconds = Number(entry.integratedTime);
    return {
        logIndex: entry.logIndex,
        logId,
        ...(log ? { logUrl: log.baseURL } : {}),
        ...(seconds > 0 ? { integratedTime: new Date(seconds * 1000).toISOString() } : {}),
        kind: entry.kindVersion?.kind ?? '',
        version: entry.kindVersion?.version ?? '',
        inclusion: entry.inclusionProof ? 'proof' : 'promise',
    };
}

;// CONCATENATED MODULE: ./flows/verify-attestation-bundles.ts




/** Sigstore bundles are kilobytes; this bounds a hostile one. */
const MAX_BUNDLE_BYTES = 10 * 1024 * 1024;
const MAX_TRUSTED_ROOT_BYTES = 10 * 1024 * 1024;
const CHECK = {
    bundle: 'bundle',
    'trust-root': 'trust-root',
    key: 'key',
    certificate: 'certificate',
    timestamp: 'timestamp',
    'transparency-log': 'tlog',
    signature: 'signature',
    identity: 'identity',
    issuer: 'issuer',
};
/**
 * Reads and verifies each bundle once (a message signature against the artifact whose digest it
 * signs), offline. A file that is not a Sigstore bundle, or an unreadable trusted root, is bad
 * input and throws; a bundle that fails a check becomes an outcome with the failed check.
 */
async function verifyAttestationBundles(input) {
    const trustedRoot = input.trustedRoot ? await readJsonFile(input.trustedRoot, 'trusted root', MAX_TRUSTED_ROOT_BYTES) : undefined;
    const outcomes = [];
    for (const { path, json } of await readBundles(input.bundles)) {
        const { claims, names } = readClaims(json);
        const signed = input.artifacts.find((a) => claims.includes(`sha256:${a.digests.sha256}`));
        const isMessageSignature = typeof json === 'object' && json !== null && 'messageSignature' in json;
        try {
            const result = verifySigstoreBundle({
                bundle: json,
                bundleFile: path,
                ...(isMessageSignature && signed ? { artifact: await readInputFile(signed.path, 'artifact', Number.MAX_SAFE_INTEGER) } : {}),
                ...(trustedRoot !== undefined ? { trustedRoot, trustedRootFile: input.trustedRoot } : {}),
                policy: input.policy,
                ...(input.tlogThreshold !== undefined ? { tlogThreshold: input.tlogThreshold } : {}),
            });
            const signer = result.signer.type === 'certificate' ? { identity: result.signer.identity, ...(result.signer.issuer ? { issuer: result.signer.issuer } : {}) } : { keyId: result.signer.keyId };
            outcomes.push({ path, claims, names, signer, ...(result.statement ? { statement: result.statement } : {}) });
        }
        catch (error) {
            if (!(error instanceof SignatureInvalidError) || error.check === 'bundle' || error.check === 'trust-root')
                throw error;
            outcomes.push({ path, claims, names, error: { check: CHECK[error.check], message: error.message.startsWith(`${path}: `) ? error.message.slice(path.length + 2) : error.message } });
        }
    }
    return outcomes;
}
/**
 * Reads bundle files. A file in the npm registry's attestations format (`{"attestations": [{"predicateType", "bundle"}]}`)
 * holds several bundles, named `<file>#<index>`.
 */
async function readBundles(paths) {
    const out = [];
    for (const path of paths) {
        const json = await readJsonFile(path, 'bundle', MAX_BUNDLE_BYTES);
        const list = json?.attestations;
        if (Array.isArray(list) && !json.mediaType)
            list.forEach((entry, i) => out.push({ path: `${path}#${i}`, json: entry?.bundle ?? entry }));
        else
            out.push({ path, json });
    }
    return out;
}
/**
 * What a bundle claims to cover, read before verification so that a failure can be attributed to
 * the artifact it was meant for: the subject digests of a DSSE in-toto statement, or the digest a
 * message signature signs. A payload that cannot be decoded claims nothing.
 */
function readClaims(json) {
    const bundle = (typeof json === 'object' && json !== null ? json : {});
    const digest = bundle.messageSignature?.messageDigest;
    if (digest && typeof digest.digest === 'string') {
        const alg = String(digest.algorithm ?? 'SHA2_256') === 'SHA2_256' ? 'sha256' : String(digest.algorithm).toLowerCase();
        return { claims: [`${alg}:${Buffer.from(digest.digest, 'base64').toString('hex')}`], names: ['message signature'] };
    }
    if (typeof bundle.dsseEnvelope?.payload !== 'string')
        return { claims: [], names: [] };
    let statement;
    try {
        statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    }
    catch {
        return { claims: [], names: [] };
    }
    const claims = [];
    const names = [];
    for (const subject of Array.isArray(statement.subject) ? statement.subject : []) {
        const s = subject;
        for (const [alg, hex] of Object.entries(s.digest ?? {})) {
            if (typeof hex !== 'string')
                continue;
            claims.push(`${alg.toLowerCase()}:${hex.toLowerCase()}`);
            names.push(typeof s.name === 'string' ? s.name : '(unnamed subject)');
        }
    }
    return { claims, names };
}
/** Refuses a run that cannot prove anything, before any file is touched. */
function assertAttestationInputs(artifacts, bundles) {
    if (artifacts.length === 0)
        throw new errors/* MaestroError */.Gq('USAGE', 'no artifact was given', { remedy: 'pass each artifact with --artifact <file>.' });
    if (bundles.length === 0)
        throw new errors/* MaestroError */.Gq('USAGE', 'no Sigstore bundle was given', { remedy: 'pass each bundle with --bundle <file> (npm: the attestations of the package version; GitHub: gh attestation download).' });
}

;// CONCATENATED MODULE: ./flows/attestation-from-files.ts







/** Hashes the artifacts, verifies the bundles offline, decides each artifact and quarantines the unverified ones. */
async function attestationFromFiles(input, context) {
    assertAttestationInputs(input.artifacts, input.bundles);
    if (!input.identity && !input.key) {
        throw new errors/* MaestroError */.Gq('USAGE', 'no signer policy: give the identity (and issuer) for keyless bundles, or the public key for key-signed ones', {
            remedy: 'for GitHub Actions: identity ^https://github.com/OWNER/REPO/ and issuer https://token.actions.githubusercontent.com.',
        });
    }
    const hashed = [];
    for (const path of input.artifacts)
        hashed.push({ path, digests: await hashArtifact(path) });
    const publicKeyPem = input.key ? (await readInputFile(input.key, 'public key', 64 * 1024)).toString('utf8') : undefined;
    const outcomes = await verifyAttestationBundles({
        bundles: input.bundles,
        artifacts: hashed,
        policy: { ...(input.identity ? { identity: parseIdentity(input.identity) } : {}), ...(input.issuer ? { issuer: input.issuer } : {}), ...(publicKeyPem ? { publicKeyPem } : {}) },
        ...(input.trustedRoot ? { trustedRoot: input.trustedRoot } : {}),
    });
    const policy = {
        ...(input.identity ? { identity: input.identity } : {}),
        ...(input.issuer ? { issuer: input.issuer } : {}),
        ...(input.key ? { key: true } : {}),
        trustedRoot: input.trustedRoot ?? 'sigstore public-good (shipped)',
        predicateType: input.predicateType,
    };
    const results = evaluateAttestations({ artifacts: hashed, bundles: outcomes, policy });
    const paths = await quarantineArtifacts(results.filter((r) => !r.verified).map((r) => r.path), input.quarantine, (0,external_node_path_.resolve)(input.quarantineDir));
    return concludeAttestations(results, policy, { mode: input.quarantine, paths }, context);
}
/**
 * An identity given as `^...` or `/.../` is a regular expression over the certificate's SAN (as
 * cosign's and gh's `--certificate-identity-regexp`); anything else must match exactly.
 */
function parseIdentity(value) {
    const slashed = /^\/(.+)\/$/.exec(value);
    if (!slashed && !value.startsWith('^'))
        return value;
    try {
        return new RegExp(slashed ? slashed[1] : value);
    }
    catch (cause) {
        throw new errors/* MaestroError */.Gq('USAGE', `identity ${JSON.stringify(value)} is not a valid regular expression: ${cause.message}`, { remedy: 'fix the pattern, or give the exact identity without a leading ^.', cause });
    }
}

;// CONCATENATED MODULE: ./core/generated/version.js
// Generated by scripts/generate.ts. Do not edit.
const VERSION = "0.1.0";

;// CONCATENATED MODULE: ./adapters/fs/resolve-report-context.ts



const REPO = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
const SHA = /^[0-9a-f]{40}$/;
const MAX_EVENT_BYTES = 25 * 1024 * 1024;
/**
 * The envelope context of a report made now by `producerName`: the subject from the overrides, else
 * from the GitHub Actions environment. In a pull_request run GITHUB_SHA is the merge commit, which no
 * gate asks about, so the PR's head commit and number are read from the event payload instead.
 */
function resolveReportContext(producerName, overrides, env, now = new Date()) {
    const event = readEvent(env.GITHUB_EVENT_PATH);
    const pr = overrides.pr ?? (event.prNumber === undefined ? undefined : String(event.prNumber));
    const subject = {
        repo: check(overrides.repo ?? env.GITHUB_REPOSITORY, REPO, 'repo', 'GITHUB_REPOSITORY', 'owner/name'),
        sha: check(overrides.sha ?? event.headSha ?? env.GITHUB_SHA, SHA, 'sha', 'GITHUB_SHA', 'a full 40-character lower-case commit SHA'),
    };
    if (pr !== undefined) {
        if (!/^[1-9][0-9]{0,9}$/.test(pr))
            throw new errors/* MaestroError */.Gq('USAGE', `--pr ${JSON.stringify(pr)} is not a pull request number`, { remedy: 'pass the number of the pull request, such as 42.' });
        subject.pr = Number(pr);
    }
    const ref = overrides.ref ?? event.headRef ?? env.GITHUB_REF;
    if (ref)
        subject.ref = ref.slice(0, 255);
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const runUrl = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY && server.startsWith('https://') ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
    return { subject, producer: { name: producerName, version: VERSION, ...(runUrl ? { runUrl } : {}) }, createdAt: now.toISOString() };
}
function check(value, pattern, option, variable, form) {
    if (value === undefined || value === '') {
        throw new errors/* MaestroError */.Gq('USAGE', `the report needs the ${option === 'repo' ? 'repository' : 'commit'} it is about, and neither --${option} nor ${variable} is set`, {
            remedy: `pass --${option} (${form}), or run inside GitHub Actions, which sets ${variable}.`,
        });
    }
    if (!pattern.test(value))
        throw new errors/* MaestroError */.Gq('USAGE', `${option} ${JSON.stringify(value.slice(0, 100))} is not ${form}`, { remedy: `pass --${option} as ${form}.` });
    return value;
}
/** The pull request fields of the triggering event, when it is about a pull request; other events give none. */
function readEvent(path) {
    if (!path)
        return {};
    let payload;
    try {
        const text = (0,external_node_fs_.readFileSync)(path, 'utf8');
        if (text.length > MAX_EVENT_BYTES)
            return {};
        payload = JSON.parse(text);
    }
    catch (cause) {
        throw new errors/* MaestroError */.Gq('EVENT_INVALID', `the event payload ${path} (GITHUB_EVENT_PATH) cannot be read as JSON`, { file: path, remedy: 'run the step in a GitHub Actions job, or unset GITHUB_EVENT_PATH.', cause });
    }
    const pull = payload?.pull_request;
    if (!pull || typeof pull !== 'object')
        return {};
    return {
        prNumber: typeof pull.number === 'number' ? pull.number : undefined,
        headSha: typeof pull.head?.sha === 'string' ? pull.head.sha : undefined,
        headRef: typeof pull.head?.ref === 'string' ? `refs/heads/${pull.head.ref}` : undefined,
    };
}

// EXTERNAL MODULE: ./actions/lib/run-gate-action.ts + 10 modules
var run_gate_action = __webpack_require__(89722);
;// CONCATENATED MODULE: ./actions/attestation/run.ts




const MODES = ['rename', 'move', 'none'];
/**
 * The attestation gate in a workflow: verifies the artifacts' Sigstore bundles offline, sets the
 * unverified ones aside, and publishes the report as maestro-evidence-attestation.
 */
function run(inputs, io) {
    return (0,run_gate_action/* runGateAction */.b)(async () => {
        const quarantine = inputs.quarantine;
        if (!MODES.includes(quarantine))
            throw new errors/* MaestroError */.Gq('USAGE', `quarantine ${JSON.stringify(inputs.quarantine)} is not one of ${MODES.join(', ')}`, { remedy: 'set quarantine to rename (add .quarantined), move (to quarantine-dir) or none.' });
        const context = resolveReportContext('maestro-action', inputs.subject, inputs.env);
        return attestationFromFiles({ ...inputs, quarantine }, context);
    }, inputs.settings, io);
}


/***/ })

};
