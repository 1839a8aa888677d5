#!/usr/bin/env -S node --import tsx
// Runs the CLI from TypeScript source (development only; needs the tsx dev dependency).
import { execute } from '@oclif/core';

await execute({ development: true, dir: import.meta.url });
