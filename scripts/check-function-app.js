// Checks that a `dotnet publish` folder, or the release package (a .zip), is a deployable Azure Functions
// isolated-worker app: host.json at the root without a custom handler, worker.config.json naming the worker
// assembly that is there, functions.metadata equal to the one the tests checked against the function catalog
// (every function and binding), extensions.json whose host-side extensions are in .azurefunctions/, the pages'
// stylesheets and script with the manifest that serves them, and no development settings.
// Usage: node scripts/check-function-app.js <publish-folder | package.zip> <checked functions.metadata>
'use strict';
const fs = require('fs');
const path = require('path');
const { readZip } = require('./zip');

const [target, checkedMetadata] = process.argv.slice(2);
const isZip = target.endsWith('.zip');
const entries = isZip ? new Map(readZip(target).map(e => [e.name, e])) : null;
const exists = name => (isZip ? entries.has(name) : fs.existsSync(path.join(target, name)));
const read = name => (isZip ? entries.get(name).data.toString('utf8') : fs.readFileSync(path.join(target, name), 'utf8'));

const problems = [];
for (const required of ['host.json', 'worker.config.json', 'functions.metadata', 'extensions.json']) {
  if (!exists(required)) problems.push(`${required} missing at the root`);
}
if (problems.length) {
  console.error(`${target} is not a function app:\n- ` + problems.join('\n- '));
  process.exit(1);
}

const host = JSON.parse(read('host.json'));
if (host.version !== '2.0') problems.push('host.json must be version 2.0');
if (host.customHandler) problems.push('host.json still configures a custom handler');
if (!host.extensions || !host.extensions.durableTask) problems.push('host.json has no durableTask settings');

const worker = JSON.parse(read('worker.config.json')).description || {};
if (worker.language !== 'dotnet-isolated') problems.push(`worker.config.json language is ${worker.language}, not dotnet-isolated`);
if (!worker.defaultWorkerPath || !exists(worker.defaultWorkerPath)) problems.push(`the worker assembly ${worker.defaultWorkerPath} is missing`);

const metadata = JSON.parse(read('functions.metadata'));
const canonical = list => JSON.stringify([...list].sort((a, b) => a.name.localeCompare(b.name)));
if (canonical(metadata) !== canonical(JSON.parse(fs.readFileSync(checkedMetadata, 'utf8')))) {
  problems.push(`functions.metadata differs from ${checkedMetadata}, the one the tests checked`);
}
const triggers = new Set(metadata.flatMap(f => f.bindings.map(b => b.type)));
for (const trigger of ['httpTrigger', 'timerTrigger', 'orchestrationTrigger', 'activityTrigger', 'durableClient']) {
  if (!triggers.has(trigger)) problems.push(`no function has a ${trigger} binding`);
}

for (const extension of JSON.parse(read('extensions.json')).extensions) {
  const hint = extension.hintPath.replace(/^\.\//, '');
  if (!exists(hint)) problems.push(`extension ${extension.name}: ${hint} missing`);
}
if (!metadata.length) problems.push('no functions');
// The pages' static web assets: without them the console and the customer pages have no style.
for (const asset of ['customer.css', 'console.css', 'signature-pad.js']) {
  if (!exists(`wwwroot/_content/AfterSales.Web/${asset}`)) problems.push(`the pages' asset wwwroot/_content/AfterSales.Web/${asset} is missing`);
}
const assetManifest = worker.defaultWorkerPath ? worker.defaultWorkerPath.replace(/\.dll$/, '.staticwebassets.endpoints.json') : null;
if (!assetManifest || !exists(assetManifest)) problems.push(`${assetManifest}, which maps the pages' assets, is missing`);
if (isZip) {
  if (exists('appsettings.Development.json') || exists('local.settings.json')) problems.push('the package carries development settings (local keys)');
  if ([...entries.keys()].some(n => n.includes('\\'))) problems.push('entry names must use forward slashes');
}

if (problems.length) {
  console.error(`${target} is not a deployable function app:\n- ` + problems.join('\n- '));
  process.exit(1);
}
console.log(`${isZip ? 'Release package' : 'Publish folder'} is an isolated-worker function app (${worker.defaultWorkerPath}); functions: ${metadata.map(f => f.name).join(', ')}`);
