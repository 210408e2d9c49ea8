import { PlaceholderPage } from '../../components/PlaceholderPage';

/** Placeholder — replaced by the screen's owner. */
export default function DiagramsPage() {
  return <PlaceholderPage title="Diagrams" />;
}
