#!/usr/bin/env node
// The installed CLI: runs the compiled commands listed in oclif.manifest.json.
import { execute } from '@oclif/core/execute';

await execute({ dir: import.meta.url });
