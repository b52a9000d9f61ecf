// Checks that a `dotnet publish` folder is a deployable Azure Functions custom-handler app:
// host.json with the customHandler section, one folder per function with its function.json
// (the same ones as in the source tree), and the executable host.json names.
// Usage: node scripts/check-function-app.js <publish-folder> <source-functions-folder>
const fs = require('fs');
const path = require('path');

const [publish, source] = process.argv.slice(2);
const problems = [];
const host = JSON.parse(fs.readFileSync(path.join(publish, 'host.json'), 'utf8'));
const exe = host.customHandler && host.customHandler.description && host.customHandler.description.defaultExecutablePath;
if (!exe) problems.push('host.json has no customHandler.description.defaultExecutablePath');
else if (!fs.existsSync(path.join(publish, exe))) problems.push(`executable ${exe} missing from the publish folder`);
if (!host.customHandler || host.customHandler.enableForwardingHttpRequest !== true) problems.push('host.json must enable HTTP request forwarding');

const functions = fs.readdirSync(source).filter(f => fs.statSync(path.join(source, f)).isDirectory());
if (functions.length === 0) problems.push('no functions in the source tree');
for (const name of functions) {
  const published = path.join(publish, name, 'function.json');
  if (!fs.existsSync(published)) { problems.push(`${name}/function.json missing`); continue; }
  const a = JSON.stringify(JSON.parse(fs.readFileSync(published, 'utf8')));
  const b = JSON.stringify(JSON.parse(fs.readFileSync(path.join(source, name, 'function.json'), 'utf8')));
  if (a !== b) problems.push(`${name}/function.json differs from the source`);
}

if (problems.length) {
  console.error('Publish folder is not a deployable function app:\n- ' + problems.join('\n- '));
  process.exit(1);
}
console.log(`Publish folder is a function app: host.json, ${exe}, functions: ${functions.join(', ')}`);
