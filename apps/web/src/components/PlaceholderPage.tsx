/** Stand-in for a screen another issue builds. */
export function PlaceholderPage({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="page">
      <h1>{title}</h1>
      <p className="placeholder">{children ?? 'This screen is coming soon.'}</p>
    </div>
  );
}
