// Jest transform: Node 24's own TypeScript type stripping (node:module stripTypeScriptTypes),
// the same transformation that runs the sources in production. 'strip' mode replaces types with
// white space, so line and column numbers in stack traces stay those of the .ts file.
'use strict';
const { stripTypeScriptTypes } = require('node:module');
const { createHash } = require('node:crypto');

module.exports = {
  process(sourceText) {
    return { code: stripTypeScriptTypes(sourceText, { mode: 'strip' }) };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256').update(process.version).update(sourcePath).update(sourceText).digest('hex');
  },
};
