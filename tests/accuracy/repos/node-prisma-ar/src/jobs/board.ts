import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";

export const board = createBullBoard({ queues: [new BullMQAdapter(emailQueue)] });
