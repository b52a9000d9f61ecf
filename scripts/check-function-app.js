// Checks that a `dotnet publish` folder, or the release package (a .zip), is a deployable Azure Functions
// custom-handler app: host.json with the customHandler section at the root, one folder per function with
// its function.json (the same ones as in the source tree), and the executable host.json names — in a zip
// with its executable bit, and self-contained (the Functions host has no .NET of its own for it).
// Usage: node scripts/check-function-app.js <publish-folder | package.zip> <source-functions-folder>
'use strict';
const fs = require('fs');
const path = require('path');
const { readZip } = require('./zip');

const [target, source] = process.argv.slice(2);
const isZip = target.endsWith('.zip');
const entries = isZip ? new Map(readZip(target).map(e => [e.name, e])) : null;
const exists = name => (isZip ? entries.has(name) : fs.existsSync(path.join(target, name)));
const read = name => (isZip ? entries.get(name).data.toString('utf8') : fs.readFileSync(path.join(target, name), 'utf8'));

const problems = [];
if (!exists('host.json')) {
  console.error(`${target} has no host.json at its root`);
  process.exit(1);
}
const host = JSON.parse(read('host.json'));
const exe = host.customHandler && host.customHandler.description && host.customHandler.description.defaultExecutablePath;
if (!exe) problems.push('host.json has no customHandler.description.defaultExecutablePath');
else if (!exists(exe)) problems.push(`executable ${exe} missing`);
else if (isZip && (entries.get(exe).mode === null || (entries.get(exe).mode & 0o111) === 0)) problems.push(`${exe} lost its executable bit in the package`);
if (!host.customHandler || host.customHandler.enableForwardingHttpRequest !== true) problems.push('host.json must enable HTTP request forwarding');
if (isZip) {
  if (!exists('libcoreclr.so')) problems.push('the package is not self-contained (no libcoreclr.so): publish with -r linux-x64 --self-contained');
  if (exists('appsettings.Development.json')) problems.push('the package carries appsettings.Development.json (development keys)');
  if ([...entries.keys()].some(n => n.includes('\\'))) problems.push('entry names must use forward slashes');
}

const functions = fs.readdirSync(source).filter(f => fs.statSync(path.join(source, f)).isDirectory());
if (functions.length === 0) problems.push('no functions in the source tree');
for (const name of functions) {
  const published = `${name}/function.json`;
  if (!exists(published)) { problems.push(`${published} missing`); continue; }
  const a = JSON.stringify(JSON.parse(read(published)));
  const b = JSON.stringify(JSON.parse(fs.readFileSync(path.join(source, name, 'function.json'), 'utf8')));
  if (a !== b) problems.push(`${published} differs from the source`);
}

if (problems.length) {
  console.error(`${target} is not a deployable function app:\n- ` + problems.join('\n- '));
  process.exit(1);
}
console.log(`${isZip ? 'Release package' : 'Publish folder'} is a function app: host.json, ${exe}, functions: ${functions.join(', ')}`);
