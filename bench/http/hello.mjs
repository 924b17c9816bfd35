// The HTTP floor: a Fastify hello-world, the same framework and Node as Rapport, nothing else.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
