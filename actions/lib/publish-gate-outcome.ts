import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { assertValidReport } from '../../core/evidence/assert-valid-report.js';
import { MaestroError } from '../../core/errors.js';
import type { AnnotationLevel, GateAnnotation, GateOutcome } from '../../core/result/gate-outcome.js';
import { writeFileAtomic } from '../../adapters/fs/write-output.js';
import type { GateActionIo } from './gate-action-io.js';

/** Where and how a gate action publishes its outcome. */
export interface PublishSettings {
  /** Folder the report is written to (created when missing); extra files of the gate live there too. */
  outputDir: string;
  /** Upload the report (and `extraFiles`) as a workflow artifact, where the gate check finds it. */
  upload: boolean;
  /** Artifact name: `maestro-evidence-<gate>` unless set; must start with `maestro-evidence`. */
  artifactName?: string;
  retentionDays?: number;
  /** Absolute paths under `outputDir` uploaded with the report, such as screenshots. */
  extraFiles?: string[];
}

/** GitHub shows at most 10 annotations of each level per step; the rest are summarised in the last one. */
export const MAX_ANNOTATIONS_PER_LEVEL = 10;
/** A step summary larger than 1 MiB is rejected by the runner; the report keeps everything. */
export const MAX_SUMMARY_CHARS = 1_000_000;

/**
 * Publishes a gate's outcome from inside a workflow: checks the report against its schema, writes
 * it atomically, adds the Markdown to the job summary, annotates, sets the outputs, uploads the
 * artifact, and fails the step when the gate failed. The report is written before anything that
 * can fail on the network, so a failed upload still leaves it on disk.
 */
export async function publishGateOutcome(outcome: GateOutcome<unknown>, settings: PublishSettings, io: GateActionIo): Promise<void> {
  const artifactName = settings.artifactName ?? `maestro-evidence-${outcome.gate}`;
  const reportPath = join(settings.outputDir, `${outcome.report.kind}.json`);
  await assertValidReport(outcome.report, `the ${outcome.gate} gate's input`);
  await mkdir(settings.outputDir, { recursive: true });
  await writeFileAtomic(reportPath, `${JSON.stringify(outcome.report, null, 2)}\n`);

  await io.appendSummary(limitSummary(outcome.markdown, reportPath));
  for (const annotation of capAnnotations(outcome.annotations)) io.annotate(annotation);
  // The action output keeps its published name `conclusion`; its values are the verdict's, pass or fail.
  io.setOutput('conclusion', outcome.verdict);
  io.setOutput('report-path', reportPath);
  for (const [name, value] of Object.entries(outcome.outputs)) io.setOutput(name, value);

  if (settings.upload) {
    try {
      const uploaded = await io.uploadArtifact(artifactName, [reportPath, ...(settings.extraFiles ?? [])], settings.outputDir, settings.retentionDays);
      io.setOutput('artifact-name', artifactName);
      io.setOutput('artifact-id', uploaded.id === undefined ? '' : String(uploaded.id));
      io.info(`Uploaded the ${outcome.gate} report as the artifact ${artifactName}${uploaded.id === undefined ? '' : ` (id ${uploaded.id})`}.`);
    } catch (cause) {
      throw new MaestroError('ARTIFACT_UPLOAD_FAILED', `the ${outcome.gate} report could not be uploaded as the artifact ${artifactName}: ${cause instanceof Error ? cause.message : String(cause)}`, {
        remedy: 'an artifact name must be unique in a workflow run (set artifact-name per matrix job); outside GitHub Actions set upload to false. The report is at ' + reportPath + '.',
        cause,
      });
    }
  }
  io.info(outcome.headline);
  if (outcome.verdict === 'fail') io.setFailed(outcome.headline);
}

/** At most `MAX_ANNOTATIONS_PER_LEVEL` per level; the last one shown says how many more the report holds. */
export function capAnnotations(annotations: readonly GateAnnotation[]): GateAnnotation[] {
  const out: GateAnnotation[] = [];
  for (const level of ['error', 'warning', 'notice'] as AnnotationLevel[]) {
    const ofLevel = annotations.filter((a) => a.level === level);
    if (ofLevel.length <= MAX_ANNOTATIONS_PER_LEVEL) {
      out.push(...ofLevel);
      continue;
    }
    const shown = ofLevel.slice(0, MAX_ANNOTATIONS_PER_LEVEL - 1);
    const rest = ofLevel.length - shown.length;
    out.push(...shown, { level, message: `${rest} more ${level === 'notice' ? 'notices' : `${level}s`} of this gate are in the job summary and the report.` });
  }
  return out;
}

/** The Markdown, cut at a line boundary below the runner's summary limit, with a pointer to the full report. */
export function limitSummary(markdown: string, reportPath: string): string {
  if (markdown.length <= MAX_SUMMARY_CHARS) return markdown;
  const cut = markdown.lastIndexOf('\n', MAX_SUMMARY_CHARS - 200);
  return `${markdown.slice(0, cut > 0 ? cut : MAX_SUMMARY_CHARS - 200)}\n\n_The summary is cut here to fit the job summary limit; the full result is in ${reportPath}._\n`;
}
