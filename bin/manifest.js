#!/usr/bin/env node
// Writes oclif.manifest.json from the compiled commands, so that at run time oclif reads one
// small JSON file instead of importing every command (start-up stays well under 300 ms).
// Uses @oclif/core's own Plugin loader, the same code path the `oclif manifest` tool uses.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true });
await plugin.load();
const manifest = plugin.manifest;
if (Object.keys(manifest.commands).length === 0) {
  process.stderr.write('manifest: no commands found under dist/commands; run tsc first\n');
  process.exit(1);
}
writeFileSync(join(root, 'oclif.manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
