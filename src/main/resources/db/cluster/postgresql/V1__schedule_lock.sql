-- One row per claimed period of a schedule (com.routingml.cluster.ScheduleLock), as on Derby.
CREATE TABLE SCHEDULE_LOCK (
    NAME VARCHAR(100) NOT NULL,
    PERIOD VARCHAR(64) NOT NULL,
    OWNER VARCHAR(200) NOT NULL,
    ACQUIRED_AT TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (NAME, PERIOD)
);
