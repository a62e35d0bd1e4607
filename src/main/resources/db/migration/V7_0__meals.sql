-- Elder meals (助餐): canteens, the meals they serve, menus, subsidy rules, elder flags, orders,
-- per-meal capacity counters, donations and their allocations.

CREATE TABLE meal_canteen (
    id                 uuid          PRIMARY KEY,
    name               varchar(80)   NOT NULL,
    region_code        varchar(12)   NOT NULL REFERENCES region (code),
    address            varchar(200)  NOT NULL,
    latitude           double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude          double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    operator_name      varchar(80)   NOT NULL,
    phone              varchar(32)   NOT NULL,
    -- WORKING_DAYS: open on State Council working days (make-up weekend days included, holidays
    -- closed); DAILY: every day of the year
    opening            varchar(16)   NOT NULL CHECK (opening IN ('WORKING_DAYS', 'DAILY')),
    delivery_offered   boolean       NOT NULL DEFAULT false,
    delivery_radius_m  integer       NOT NULL DEFAULT 0 CHECK (delivery_radius_m >= 0),
    created_at         timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX meal_canteen_region_idx ON meal_canteen (region_code);

-- One row per meal a canteen serves: capacity per day, cutoff (local time, days before the meal).
CREATE TABLE meal_service (
    canteen_id          uuid         NOT NULL REFERENCES meal_canteen (id),
    meal_type           varchar(10)  NOT NULL CHECK (meal_type IN ('BREAKFAST', 'LUNCH', 'DINNER')),
    capacity            integer      NOT NULL CHECK (capacity >= 0),
    cutoff_time         time         NOT NULL,
    cutoff_days_before  integer      NOT NULL DEFAULT 0 CHECK (cutoff_days_before BETWEEN 0 AND 7),
    serve_from          time         NOT NULL,
    serve_until         time         NOT NULL,
    PRIMARY KEY (canteen_id, meal_type)
);

-- Places taken per canteen, date and meal: orders take a place with a conditional UPDATE
-- (taken < capacity), so concurrent orders can never oversell.
CREATE TABLE meal_capacity (
    canteen_id  uuid        NOT NULL REFERENCES meal_canteen (id),
    meal_date   date        NOT NULL,
    meal_type   varchar(10) NOT NULL,
    capacity    integer     NOT NULL,
    taken       integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (canteen_id, meal_date, meal_type),
    CHECK (taken >= 0 AND taken <= capacity)
);

-- Dishes a canteen cooks; a menu lists some of them for a date and meal.
CREATE TABLE meal_dish (
    id          uuid          PRIMARY KEY,
    canteen_id  uuid          NOT NULL REFERENCES meal_canteen (id),
    name        varchar(60)   NOT NULL,
    tags        varchar(8)[]  NOT NULL DEFAULT '{}',
    UNIQUE (canteen_id, name)
);

CREATE TABLE meal_menu_item (
    id              uuid         PRIMARY KEY,
    canteen_id      uuid         NOT NULL REFERENCES meal_canteen (id),
    meal_date       date         NOT NULL,
    meal_type       varchar(10)  NOT NULL,
    dish_id         uuid         NOT NULL REFERENCES meal_dish (id),
    price_fen       bigint       NOT NULL CHECK (price_fen > 0),
    -- null: not limited; otherwise sold never exceeds it (conditional UPDATE)
    daily_quantity  integer      CHECK (daily_quantity IS NULL OR daily_quantity >= 0),
    sold            integer      NOT NULL DEFAULT 0,
    UNIQUE (canteen_id, meal_date, meal_type, dish_id),
    CHECK (sold >= 0 AND (daily_quantity IS NULL OR sold <= daily_quantity))
);

-- Subsidy per meal, by region (the canteen's region or an ancestor) and elder category,
-- effective-dated: [effective_from, effective_to).
CREATE TABLE meal_subsidy_rule (
    id              uuid         PRIMARY KEY,
    region_code     varchar(12)  NOT NULL REFERENCES region (code),
    category        varchar(12)  NOT NULL CHECK (category IN ('AGE_60_69', 'AGE_70_79', 'AGE_80_PLUS', 'DIBAO', 'TEKUN', 'DISABLED')),
    amount_fen      bigint       NOT NULL CHECK (amount_fen >= 0),
    effective_from  date         NOT NULL,
    effective_to    date,
    note            varchar(200)
);
CREATE INDEX meal_subsidy_rule_region_idx ON meal_subsidy_rule (region_code, category);

-- What a caseworker recorded about an elder: special groups, delivery need, home for delivery.
CREATE TABLE meal_elder_profile (
    citizen_id   uuid          PRIMARY KEY REFERENCES citizen (id),
    flags        varchar(16)[] NOT NULL DEFAULT '{}',
    region_code  varchar(12)   NOT NULL REFERENCES region (code),
    address      varchar(200),
    latitude     double precision,
    longitude    double precision,
    updated_by   uuid          NOT NULL REFERENCES staff (id),
    updated_at   timestamptz   NOT NULL
);

CREATE TABLE meal_order (
    id             uuid          PRIMARY KEY,
    code           varchar(12)   NOT NULL UNIQUE,
    citizen_id     uuid          NOT NULL REFERENCES citizen (id),
    placed_by      uuid          NOT NULL REFERENCES citizen (id),
    canteen_id     uuid          NOT NULL REFERENCES meal_canteen (id),
    meal_date      date          NOT NULL,
    meal_type      varchar(10)   NOT NULL,
    fulfilment     varchar(10)   NOT NULL CHECK (fulfilment IN ('PICKUP', 'DELIVERY')),
    status         varchar(10)   NOT NULL CHECK (status IN ('CONFIRMED', 'CANCELLED', 'SERVED', 'MISSED')),
    category       varchar(12)   NOT NULL,
    subsidised     boolean       NOT NULL,
    dish_total_fen bigint        NOT NULL,
    subsidy_fen    bigint        NOT NULL,
    donation_fen   bigint        NOT NULL,
    payable_fen    bigint        NOT NULL,
    price_note     varchar(200),
    reordered_from uuid          REFERENCES meal_order (id),
    created_at     timestamptz   NOT NULL,
    cancelled_at   timestamptz,
    served_at      timestamptz,
    served_by      uuid          REFERENCES staff (id),
    CHECK (dish_total_fen = subsidy_fen + donation_fen + payable_fen)
);
CREATE INDEX meal_order_citizen_idx ON meal_order (citizen_id, meal_date DESC);
CREATE INDEX meal_order_placed_by_idx ON meal_order (placed_by, meal_date DESC);
CREATE INDEX meal_order_canteen_idx ON meal_order (canteen_id, meal_date, meal_type, status);

CREATE TABLE meal_order_item (
    order_id        uuid         NOT NULL REFERENCES meal_order (id),
    menu_item_id    uuid         NOT NULL REFERENCES meal_menu_item (id),
    dish_id         uuid         NOT NULL REFERENCES meal_dish (id),
    name            varchar(60)  NOT NULL,
    unit_price_fen  bigint       NOT NULL,
    quantity        integer      NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, menu_item_id)
);

-- One subsidised meal per meal type per elder per day: the primary key is the guarantee.
CREATE TABLE meal_subsidy_use (
    citizen_id  uuid        NOT NULL REFERENCES citizen (id),
    meal_date   date        NOT NULL,
    meal_type   varchar(10) NOT NULL,
    order_id    uuid        NOT NULL REFERENCES meal_order (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (citizen_id, meal_date, meal_type)
);

-- 我为老人助一餐: a pledge of meals x amount to a canteen pool or a region pool.
-- The ledger invariant pledged = allocated + remaining is a table constraint.
CREATE TABLE meal_donation (
    id                   uuid          PRIMARY KEY,
    donor_id             uuid          NOT NULL REFERENCES citizen (id),
    donor_name           varchar(80)   NOT NULL,
    canteen_id           uuid          REFERENCES meal_canteen (id),
    region_code          varchar(12)   REFERENCES region (code),
    meals                integer       NOT NULL CHECK (meals > 0),
    amount_per_meal_fen  bigint        NOT NULL CHECK (amount_per_meal_fen > 0),
    pledged_fen          bigint        NOT NULL,
    allocated_fen        bigint        NOT NULL DEFAULT 0,
    remaining_fen        bigint        NOT NULL,
    created_at           timestamptz   NOT NULL,
    CHECK ((canteen_id IS NULL) <> (region_code IS NULL)),
    CHECK (pledged_fen = meals * amount_per_meal_fen),
    CHECK (allocated_fen >= 0 AND remaining_fen >= 0 AND pledged_fen = allocated_fen + remaining_fen)
);
CREATE INDEX meal_donation_pool_idx ON meal_donation (canteen_id, region_code, created_at);
CREATE INDEX meal_donation_donor_idx ON meal_donation (donor_id, created_at DESC);

-- Each meal a pledge paid for; released (deleted, amount returned) when the order is cancelled
-- or missed.
CREATE TABLE meal_donation_allocation (
    id            uuid         PRIMARY KEY,
    donation_id   uuid         NOT NULL REFERENCES meal_donation (id),
    order_id      uuid         NOT NULL UNIQUE REFERENCES meal_order (id) DEFERRABLE INITIALLY DEFERRED,
    amount_fen    bigint       NOT NULL CHECK (amount_fen > 0),
    canteen_id    uuid         NOT NULL REFERENCES meal_canteen (id),
    meal_date     date         NOT NULL,
    meal_type     varchar(10)  NOT NULL,
    elder_category varchar(12) NOT NULL,
    created_at    timestamptz  NOT NULL
);
CREATE INDEX meal_donation_allocation_donation_idx ON meal_donation_allocation (donation_id);
