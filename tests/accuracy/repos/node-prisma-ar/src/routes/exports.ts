import { Router } from "express";
import { requireRole } from "../auth";

export const exportsRouter = Router();

exportsRouter.get("/orders.csv", requireRole("owner"), async (req, res) => {
  res.attachment("orders.csv");
  res.send(await ordersCsv(req.user.companyId));
});
