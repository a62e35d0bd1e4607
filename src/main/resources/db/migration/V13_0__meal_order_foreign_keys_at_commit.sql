-- An order's rows point at rows every order of the same lunch shares: the canteen, the menu item
-- and dish, the pledge. Checked at each INSERT, those foreign keys share-lock the shared rows for the
-- whole transaction, while other orders hold the same locks and one of them updates the row (the
-- menu item's `sold`, the pledge's balance): PostgreSQL then keeps multixacts of all concurrent
-- orders on those rows, its largest single cost in the lunch rush benchmark. Checked at COMMIT
-- instead, each order locks them only after its own guarded UPDATE of the counters and for the
-- moment of its commit. Every constraint is still enforced; nothing else changes.
ALTER TABLE meal_order ALTER CONSTRAINT meal_order_canteen_id_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE meal_order_item ALTER CONSTRAINT meal_order_item_menu_item_id_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE meal_order_item ALTER CONSTRAINT meal_order_item_dish_id_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE meal_donation_allocation ALTER CONSTRAINT meal_donation_allocation_donation_id_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE meal_donation_allocation ALTER CONSTRAINT meal_donation_allocation_canteen_id_fkey DEFERRABLE INITIALLY DEFERRED;
