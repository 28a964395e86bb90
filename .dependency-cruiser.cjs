// Dependency rules for issue #19: imports point one way, app/ -> components/ -> lib/, with no
// cycles. `npm run lint` runs this (depcruise) beside ESLint; `npm test` counts it as one check.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "A cycle makes load order matter and hides who owns what.", from: {}, to: { circular: true } },
    {
      name: "lib-not-up",
      severity: "error",
      comment: "lib/ is the bottom layer: it never imports components/ or app/.",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-not-app",
      severity: "error",
      comment: "components/ never imports app/: server actions reach components as props from the page.",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "app-no-db",
      severity: "error",
      comment: "Pages, actions and route handlers reach the database through lib/<feature>, never lib/db directly.",
      from: { path: "^app/", pathNot: "\\.test\\.ts$" },
      to: { path: "^lib/db\\.ts$" },
    },
    {
      name: "browser-code-apart",
      severity: "error",
      comment: "Browser-only upload code (components/uploader/client) is used by the uploader only, never by server code.",
      from: { path: "^(lib|app)/" },
      to: { path: "^components/uploader/client/" },
    },
    {
      name: "emulator-apart",
      severity: "error",
      comment: "The emulator shares no code with the portal, in either direction.",
      // Integration tests and e2e start the emulator as a real server: that is their job.
      from: { path: "^(app|components|lib|auth|proxy|instrumentation)", pathNot: "\\.test\\.ts$" },
      to: { path: "^emulator/" },
    },
    {
      name: "emulator-self-contained",
      severity: "error",
      comment: "The emulator is its own package: it imports only itself and its own dependencies (its tests also read the media fixtures in test/fixtures).",
      from: { path: "^emulator/" },
      to: { pathNot: ["^emulator/", "node_modules", "^test/fixtures/"], dependencyTypesNot: ["core"] },
    },
    {
      name: "emulator-fixtures-tests-only",
      severity: "error",
      comment: "Only the emulator's tests read the shared media fixtures; the emulator itself serves what it is sent.",
      from: { path: "^emulator/", pathNot: "^emulator/test/" },
      to: { path: "^test/fixtures/" },
    },
  ],
  options: {
    // The emulator (its own workspace package) is cruised too: no cycles inside it, nothing shared
    // with the portal (the two emulator-* rules above and emulator-apart).
    doNotFollow: { path: ["node_modules"] },
    exclude: { path: "^(node_modules|generated|\\.next|\\.next-[^/]*|\\.data)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs"],
    },
  },
};
