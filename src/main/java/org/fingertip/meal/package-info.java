/** Elder meals (助餐): canteens, menus, subsidies, orders, donations, settlement. */
package org.fingertip.meal;
