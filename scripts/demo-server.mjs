// `npm start`: serves the demo harness on localhost straight from the TypeScript sources.
import { serve } from './serve.mjs';

const { origin } = await serve(Number(process.env.PORT ?? 8000));
console.log(`presence-sync demo: ${origin}/demo/`);
