import Link from 'next/link';

export function AppHeader() {
  return (
    <header className="app-header">
      <Link href="/" className="brand">Runlens</Link>
      <nav>
        <Link href="/">Runs</Link>
        <Link href="/lineage">Lineage</Link>
        <Link href="/models">Models</Link>
        <Link href="/health">Health</Link>
      </nav>
    </header>
  );
}
