// Builds the release package: the deployable zip of the function app — the isolated worker's publish output
// (framework-dependent: the Flex Consumption runtime `dotnet-isolated` 10.0 brings .NET), with host.json,
// functions.metadata, worker.config.json, extensions.json and .azurefunctions/ at its root.
// Usage: npm run package            → artifacts/aftersales-functionapp.zip
//        node scripts/package.js [--out <zip>] [--configuration Release]
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { readTree, writeZip } = require('./zip');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 && args[i + 1] ? args[i + 1] : fallback; };
const zipPath = path.resolve(root, option('--out', path.join('artifacts', 'aftersales-functionapp.zip')));
const configuration = option('--configuration', 'Release');
const publish = path.join(root, 'artifacts', 'publish');

fs.rmSync(publish, { recursive: true, force: true });
console.log(`Publishing src/AfterSales.Functions (${configuration}) …`);
try {
  execFileSync('dotnet', [
    'publish', path.join(root, 'src', 'AfterSales.Functions'),
    '-c', configuration, '-p:DebugType=none', '-o', publish, '--nologo', '-v', 'quiet',
  ], { stdio: 'inherit', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } });
} catch (e) {
  console.error(`dotnet publish failed (exit ${e.status}); its messages are above.`);
  process.exit(1);
}

// Development-only settings (local keys) and API documentation files stay out of the package; the
// deployment's app settings configure the app.
for (const file of fs.readdirSync(publish)) {
  if (file === 'appsettings.Development.json' || file === 'local.settings.json' || /^AfterSales\..*\.xml$/.test(file)) fs.rmSync(path.join(publish, file));
}

const files = readTree(publish);
fs.mkdirSync(path.dirname(zipPath), { recursive: true });
writeZip(zipPath, files);
const size = fs.statSync(zipPath).size;
console.log(`Release package: ${path.relative(root, zipPath)} (${files.length} files, ${(size / 1048576).toFixed(1)} MiB)`);
