import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { TrpcProvider } from './trpc/TrpcProvider';
import { Toasts } from './components/Toasts';
import { routes } from './routes';

export function App() {
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <TrpcProvider>
      <RouterProvider router={router} />
      <Toasts />
    </TrpcProvider>
  );
}
