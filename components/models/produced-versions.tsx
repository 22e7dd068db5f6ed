import Link from 'next/link';
import { AliasBadges } from '@/components/models/alias-badges';
import type { ProducedVersion } from '@/lib/catalog/model-versions';

/** On the run page: the registered model versions this run trained. Renders nothing when there are none. */
export function ProducedVersions({ versions }: { versions: ProducedVersion[] }) {
  if (versions.length === 0) return null;
  return (
    <section className="panel" data-testid="produced-versions">
      <h2>Model versions trained by this run</h2>
      <ul>
        {versions.map((v) => (
          <li key={`${v.name}\u0000${v.version}`}>
            <Link href={v.href}>{v.name} v{v.version}</Link> <AliasBadges aliases={v.aliases} />
            {v.stage ? <> <span className="badge">stage {v.stage}</span></> : null}
            {v.via === 'logged-model' ? <span className="subtle"> (through its logged model)</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
