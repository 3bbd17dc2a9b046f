-- V8: the Z report counts the journal's money events of a period (the steps that take a charge, void, refund,
-- cancel) and the SIMs that left the stacker (taken, captured), each by when its step was written, not by when its
-- sale was created. This index finds the steps of some kinds written in a period without reading the whole
-- journal. Conventions: see V1.

CREATE INDEX sale_step_by_step_at ON sale_step (step, at);
