import { PlaceholderPage } from '../../components/PlaceholderPage';

/** Placeholder — replaced by the screen's owner. */
export default function OperationsPage() {
  return <PlaceholderPage title="Operations log" />;
}
