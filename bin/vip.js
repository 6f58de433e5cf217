#!/usr/bin/env node
// The command is written in TypeScript; tsx compiles it on the fly so `npx vip` needs no build step.
import { register } from 'tsx/esm/api';

// Local tooling runs on Node 20 knowingly (Lambda runs 22); the SDK's upgrade notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
await import('./vip.ts');
