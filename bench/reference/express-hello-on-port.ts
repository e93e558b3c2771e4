import express from 'express';

// The cold-start reference: Node and Express to a first answer, on the port it is given.
const app = express();
app.get('/', (_req, res) => {
  res.send('Hello World!');
});
app.listen(Number(process.env['PORT']), '127.0.0.1');
