-- Application settings as key/value text (the REST API's token, address, port, switch and CORS origins first).
CREATE TABLE settings (
    name       VARCHAR(100) PRIMARY KEY,
    setting    VARCHAR(4000) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
