import { Link } from 'react-router';

export default function NotFoundPage() {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. Go to <Link to="/diagrams">Diagrams</Link> or <Link to="/tasks">Tasks</Link>.
      </p>
    </div>
  );
}
