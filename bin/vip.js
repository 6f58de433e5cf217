#!/usr/bin/env node
// The command is written in TypeScript; tsx compiles it on the fly so `npx vip` needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('./vip.ts');
