import fs from 'node:fs';
import path from 'node:path';

/** A page or API route found in app/, as a Next route pattern: "/runs/[...id]", "/api/health". */
export interface AppRoute {
  pattern: string;
  kind: 'page' | 'api';
}

// Read from the file system, so a route added later is crawled without editing the specs.
export function appRoutes(appDir = path.resolve('app')): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        // Private folders (_x) are not routes; groups (x) and slots (@x) add no URL segment.
        if (entry.name.startsWith('_')) continue;
        const silent = /^\(.*\)$/.test(entry.name) || entry.name.startsWith('@');
        walk(path.join(dir, entry.name), silent ? segments : [...segments, entry.name]);
      } else if (/^page\.(tsx|ts|jsx|js)$/.test(entry.name) || /^route\.(ts|js)$/.test(entry.name)) {
        const pattern = `/${segments.join('/')}`;
        routes.push({ pattern, kind: entry.name.startsWith('page') ? 'page' : 'api' });
      }
    }
  };
  walk(appDir, []);
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The pattern with its dynamic segments filled: values by parameter name, "sample" when none is given. */
export function fillRoute(pattern: string, values: Record<string, string> = {}): string {
  return pattern.replace(/\[\[?(\.\.\.)?([^\]]+)\]\]?/g, (_all, rest: string | undefined, name: string) => {
    const value = values[name] ?? 'sample';
    return rest ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
  });
}
