-- Each server keeps its own drift window: one row per server instead of the single row ID = 1.
CREATE TABLE DRIFT_WINDOW (
    SERVER VARCHAR(200) NOT NULL PRIMARY KEY,
    MODEL_VERSION VARCHAR(100) NOT NULL,
    DRIFTING SMALLINT NOT NULL,
    SCORES_SINCE BIGINT NOT NULL,
    WINDOW_DATA BLOB(1M) NOT NULL,
    SAVED_AT TIMESTAMP NOT NULL,
    LAST_TRIGGER TIMESTAMP
);
-- The window of the single server from before, under a placeholder name: the first server that
-- starts on this database adopts it (com.routingml.drift.monitor.DriftStore).
INSERT INTO DRIFT_WINDOW (SERVER, MODEL_VERSION, DRIFTING, SCORES_SINCE, WINDOW_DATA, SAVED_AT, LAST_TRIGGER)
    SELECT '(single server)', MODEL_VERSION, DRIFTING, SCORES_SINCE, WINDOW_DATA, SAVED_AT, LAST_TRIGGER
    FROM DRIFT_STATE WHERE ID = 1;
DROP TABLE DRIFT_STATE;

-- The server that recorded an event; NULL for events from before, adopted with the window.
ALTER TABLE DRIFT_EVENT ADD COLUMN SERVER VARCHAR(200);
CREATE INDEX DRIFT_EVENT_SERVER ON DRIFT_EVENT (SERVER, ID);

-- Retraining run states (com.routingml.retrain.RunState as JSON), one row per job instance, shared by
-- every server of the job repository so that any of them can restart a run. REVISION counts the
-- writes, UPDATED_BY names the server of the last one.
CREATE TABLE RETRAIN_RUN (
    INSTANCE_ID BIGINT NOT NULL PRIMARY KEY,
    REVISION INT NOT NULL,
    STATE CLOB(16M) NOT NULL,
    UPDATED_AT TIMESTAMP NOT NULL,
    UPDATED_BY VARCHAR(200) NOT NULL
);
