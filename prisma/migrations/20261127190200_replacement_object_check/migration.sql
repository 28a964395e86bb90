-- A replace callback is only believed once TwentyThree shows the object changed (#17): what
-- TwentyThree said of the object when the replace token was minted, and after it was replaced.
ALTER TABLE "replacements" ADD COLUMN "object_before" JSONB;
ALTER TABLE "replacements" ADD COLUMN "object_after" JSONB;
