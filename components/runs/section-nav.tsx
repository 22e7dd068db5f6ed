export interface SectionLink {
  id: string;
  label: string;
}

/** The run page is long: one line of anchors to its sections, in page order. */
export function SectionNav({ sections }: { sections: SectionLink[] }) {
  return (
    <nav className="section-nav" aria-label="Sections of this page" data-testid="section-nav">
      {sections.map((s) => <a key={s.id} href={`#${s.id}`}>{s.label}</a>)}
    </nav>
  );
}
