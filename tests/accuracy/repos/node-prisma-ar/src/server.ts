import express from "express";
import pino from "pino";
import { prisma } from "./db";
import { exportsRouter } from "./routes/exports";

const log = pino();
const app = express();

app.get("/health", async (_req, res) => {
  await prisma.$queryRaw`SELECT 1`;
  res.json({ status: "ok" });
});

app.use("/exports", exportsRouter);
app.listen(3000, () => log.info("listening"));
