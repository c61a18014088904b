import { isDateTime } from '../../util/is-date-time.js';
import { checkCycloneDxComponent } from './check-cyclonedx-components.js';
import { checkCycloneDxLicenses } from './check-cyclonedx-licenses.js';
import { checkCycloneDxProperties } from './check-cyclonedx-properties.js';
import { checkCycloneDxServices } from './check-cyclonedx-services.js';
import type { CycloneDxPass } from './cyclonedx-pass.js';
import { isObject, pointerToken } from './sbom-problems.js';

/**
 * The BOM's metadata: timestamp, tools (an array in 1.4, components and services from 1.5), the
 * described component, licenses and properties. Tool components are queued on `pass.pending`, not
 * collected: they built the SBOM and are not part of the product.
 */
export function checkCycloneDxMetadata(pass: CycloneDxPass, metadata: unknown): void {
  if (!isObject(metadata)) return pass.problems.add('/metadata', 'must be a JSON object');
  pass.own('/metadata', '');
  pass.keys(metadata, pass.words.metadata, 'CycloneDX metadata');
  if (metadata.timestamp !== undefined && !(typeof metadata.timestamp === 'string' && isDateTime(metadata.timestamp))) pass.problems.add('/metadata/timestamp', 'must be an RFC 3339 date-time');
  const tools = metadata.tools;
  if (Array.isArray(tools)) {
    for (let i = 0; i < tools.length; i++) if (!isObject(tools[i])) pass.problems.add(`/metadata/tools/${i}`, 'must be a JSON object');
  } else if (isObject(tools) && pass.version !== '1.4') {
    for (const key in tools) if (key !== 'components' && key !== 'services') pass.problems.add(`/metadata/tools/${pointerToken(key)}`, 'is not a property of tools (components, services)');
    if (tools.components !== undefined) pass.pending.push({ list: tools.components, pointer: '/metadata/tools/components', collect: false, parent: -2 });
    if (tools.services !== undefined) checkCycloneDxServices(pass, tools.services, '/metadata/tools/services');
  } else if (tools !== undefined) {
    pass.problems.add('/metadata/tools', pass.version === '1.4' ? 'must be an array of tools' : 'must be an array of tools or an object of components and services');
  }
  if (metadata.component !== undefined) checkCycloneDxComponent(pass, metadata.component, '/metadata', 'component', false, -3);
  pass.own('/metadata', '');
  if (metadata.licenses !== undefined) checkCycloneDxLicenses(pass, metadata.licenses);
  if (metadata.properties !== undefined) checkCycloneDxProperties(pass, metadata.properties, '');
  for (const key of ['lifecycles', 'authors'] as const) if (metadata[key] !== undefined && !Array.isArray(metadata[key])) pass.problems.add(`/metadata/${key}`, 'must be an array');
  for (const key of ['manufacture', 'manufacturer', 'supplier'] as const) if (metadata[key] !== undefined && !isObject(metadata[key])) pass.problems.add(`/metadata/${key}`, 'must be a JSON object');
}
