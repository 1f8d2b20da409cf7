-- Every completion before course versions existed was earned on the first version.
UPDATE "CourseCompletion" SET "courseVersion" = '1.0' WHERE "courseVersion" IS NULL;
