-- One row per claimed period of a schedule (com.routingml.cluster.ScheduleLock), as the application
-- created it before migrations existed (such a database is baselined at this version).
CREATE TABLE SCHEDULE_LOCK (
    NAME VARCHAR(100) NOT NULL,
    PERIOD VARCHAR(64) NOT NULL,
    OWNER VARCHAR(200) NOT NULL,
    ACQUIRED_AT TIMESTAMP NOT NULL,
    PRIMARY KEY (NAME, PERIOD)
);
