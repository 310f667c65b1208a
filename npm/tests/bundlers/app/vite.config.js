// The one setting npm/README.md asks Vite users for when a worker imports the package: workers
// bundled as ES modules (Vite's default, iife, cannot hold the modules' on-demand imports).
export default { worker: { format: 'es' } };
